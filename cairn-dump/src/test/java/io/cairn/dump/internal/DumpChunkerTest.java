package io.cairn.dump.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.repository.Chunker;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import io.cairn.repository.InitOptions;
import io.cairn.repository.KeyDerivation;
import io.cairn.repository.Passphrase;
import io.cairn.repository.Repository;
import io.cairn.repository.storage.LocalStorage;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpChunkerTest {

    @TempDir
    Path directory;

    private Chunker chunkerOf(String name) {
        Repository repository = Repository.init(new LocalStorage(directory.resolve(name)), Passphrase.of("test"),
                InitOptions.defaults().withKeyDerivation(KeyDerivation.argon2id(1024, 1, 1)));
        repositories.add(repository);
        return DumpChunker.forRepository(repository);
    }

    private final List<Repository> repositories = new ArrayList<>();

    @AfterEach
    void close() {
        repositories.forEach(Repository::close);
    }

    @Test
    void cutsAreDeterministicPerRepositoryAndDifferBetweenRepositories() {
        byte[] data = new byte[4 << 20];
        new Random(3).nextBytes(data);
        Chunker first = chunkerOf("a");
        assertThat(chunks(first, data)).isEqualTo(chunks(first, data));
        assertThat(chunks(first, data)).isNotEqualTo(chunks(chunkerOf("b"), data));
    }

    @Test
    void chunksStayInBoundsAndAnInsertionChangesOnlyNearbyChunks() {
        Chunker chunker = chunkerOf("c");
        byte[] data = new byte[8 << 20];
        new Random(1).nextBytes(data);
        List<String> before = chunks(chunker, data);
        byte[] inserted = new byte[data.length + 100];
        System.arraycopy(data, 0, inserted, 0, 4 << 20);
        System.arraycopy(data, 4 << 20, inserted, (4 << 20) + 100, data.length - (4 << 20));
        List<String> after = chunks(chunker, inserted);
        Set<String> old = new HashSet<>(before);
        long reused = after.stream().filter(old::contains).count();
        assertThat(before.size()).isBetween(data.length / DumpChunker.MAX, data.length / DumpChunker.MIN);
        assertThat(reused).isGreaterThanOrEqualTo(after.size() - 3L);
    }

    private static List<String> chunks(Chunker chunker, byte[] data) {
        List<String> hashes = new ArrayList<>();
        int offset = 0;
        while (offset < data.length) {
            int cut = chunker.cut(data, offset, data.length - offset);
            assertThat(cut).isBetween(1, DumpChunker.MAX);
            if (offset + cut < data.length) {
                assertThat(cut).isGreaterThan(DumpChunker.MIN);
            }
            java.security.MessageDigest digest = Sha256.newDigest();
            digest.update(data, offset, cut);
            hashes.add(Sha256.hex(digest.digest()));
            offset += cut;
        }
        return hashes;
    }
}
