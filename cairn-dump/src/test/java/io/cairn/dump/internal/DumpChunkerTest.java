package io.cairn.dump.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.repository.Chunker;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DumpChunkerTest {

    /** A stand-in for a repository's secret chunker: cuts where a keyed hash of a byte window says. */
    private static Chunker secretChunker(long key) {
        return new Chunker() {
            @Override
            public int cut(byte[] data, int offset, int length) {
                int end = Math.min(length, maxSize());
                for (int i = 4096; i < end; i++) {
                    if (((data[offset + i] * 31L + key) & 0x3ff) == 0) {
                        return i + 1;
                    }
                }
                return end;
            }

            @Override
            public int maxSize() {
                return 1 << 16;
            }

            @Override
            public String describe() {
                return "test";
            }
        };
    }

    @Test
    void seedIsDeterministicPerRepositoryAndDiffersBetweenRepositories() {
        assertThat(DumpChunker.seedFrom(secretChunker(1))).isEqualTo(DumpChunker.seedFrom(secretChunker(1)));
        assertThat(DumpChunker.seedFrom(secretChunker(1))).isNotEqualTo(DumpChunker.seedFrom(secretChunker(2)));
    }

    @Test
    void chunksStayInBoundsAndAnInsertionChangesOnlyNearbyChunks() {
        DumpChunker chunker = new DumpChunker(DumpChunker.seedFrom(secretChunker(7)));
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
