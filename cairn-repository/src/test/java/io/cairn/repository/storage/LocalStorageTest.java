package io.cairn.repository.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStorageTest extends StorageContract {
    @TempDir
    Path root;

    @Override
    Storage storage() {
        return new LocalStorage(root.resolve("repo"));
    }

    @Test
    void hiddenTemporaryFilesAreNotListedAndOldOnesAreRemoved() throws IOException {
        LocalStorage storage = new LocalStorage(root.resolve("repo"));
        storage.write("data/ab/abcd", new byte[] {1});
        Path leftover = root.resolve("repo/data/ab/.tmp-abcd-123");
        Files.write(leftover, new byte[] {2});
        Files.setLastModifiedTime(leftover, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        assertThat(storage.list("data/")).extracting(StoredObject::name).containsExactly("data/ab/abcd");
        assertThat(storage.removeLeftovers(Instant.parse("2021-01-01T00:00:00Z"))).isEqualTo(1);
        assertThat(leftover).doesNotExist();
    }

    /** Writers (temp file, rename) and prune's deletes run while others list: listing must never fail. */
    @Test
    void listingWhileOthersWriteAndDeleteNeverFails() throws Exception {
        LocalStorage storage = new LocalStorage(root.resolve("racy"));
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 400; i++) {
                storage.write("locks/lock-" + i, new byte[] {1});
                storage.write("data/" + String.format("%02x", i % 256) + "/pack-" + i, new byte[] {2});
                if (i % 3 == 0) {
                    storage.delete("locks/lock-" + (i - 1));
                }
            }
            done.set(true);
        });
        writer.start();
        int listings = 0;
        while (!done.get() || listings == 0) {
            storage.list("locks/");
            storage.list("data/");
            listings++;
        }
        writer.join();
        assertThat(storage.list("data/")).hasSize(400);
    }
}
