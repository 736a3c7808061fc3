package io.cairn.repository.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link Storage} must have; subclasses supply a fresh, empty storage. */
abstract class StorageContract {
    abstract Storage storage();

    @Test
    void writesReadsListsAndDeletes() {
        Storage storage = storage();
        byte[] content = "hello pack".getBytes(StandardCharsets.UTF_8);
        storage.write("data/ab/abcdef", content);
        storage.write("index/0123", new byte[0]);
        storage.write("config", content);
        assertThat(storage.read("data/ab/abcdef")).isEqualTo(content);
        assertThat(storage.read("data/ab/abcdef", 6, 4)).isEqualTo("pack".getBytes(StandardCharsets.UTF_8));
        assertThat(storage.read("data/ab/abcdef", 6, 100)).isEqualTo("pack".getBytes(StandardCharsets.UTF_8));
        assertThat(storage.read("index/0123")).isEmpty();
        assertThat(storage.list("data/")).extracting(StoredObject::name).containsExactly("data/ab/abcdef");
        assertThat(storage.list("")).extracting(StoredObject::name)
                .containsExactlyInAnyOrder("data/ab/abcdef", "index/0123", "config");
        assertThat(storage.stat("config")).get().extracting(StoredObject::size).isEqualTo((long) content.length);
        assertThat(storage.exists("nothing")).isFalse();
        storage.write("config", "replaced".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(storage.read("config"), StandardCharsets.UTF_8)).isEqualTo("replaced");
        assertThat(storage.delete("config")).isTrue();
        assertThat(storage.delete("config")).isFalse();
        assertThat(storage.list("snapshots/")).isEmpty();
        assertThatThrownBy(() -> storage.read("config")).isInstanceOfSatisfying(CairnException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void rangesAreReadIntoTheCallersBuffer() {
        Storage storage = storage();
        storage.write("data/ab/range", "0123456789".getBytes(StandardCharsets.UTF_8));
        byte[] buffer = new byte[16];
        java.util.Arrays.fill(buffer, (byte) '-');
        assertThat(storage.readInto("data/ab/range", 2, 5, buffer)).isEqualTo(5);
        assertThat(new String(buffer, 0, 6, StandardCharsets.UTF_8)).isEqualTo("23456-");
        assertThat(storage.readInto("data/ab/range", 7, 8, buffer)).isEqualTo(3);
        assertThat(new String(buffer, 0, 3, StandardCharsets.UTF_8)).isEqualTo("789");
    }

    @Test
    void largeObjectsRoundTrip() {
        Storage storage = storage();
        byte[] content = new byte[20 << 20];
        new java.util.Random(1).nextBytes(content);
        storage.write("data/00/big", content);
        assertThat(storage.read("data/00/big")).isEqualTo(content);
        assertThat(storage.list("data/")).extracting(StoredObject::size).isEqualTo(List.of((long) content.length));
    }
}
