package io.cairn.repository.internal.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.repository.Chunker;
import io.cairn.repository.FixedChunker;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FastCdcChunkerTest {
    private static final byte[] SEED = new byte[32];
    private static final Chunker CHUNKER = new FastCdcChunker(SEED, 16 << 10, 64 << 10, 256 << 10);

    @Test
    void chunksStayWithinBoundsAndCoverTheInput() throws IOException {
        byte[] data = random(1, 10_000_000);
        List<byte[]> chunks = chunks(CHUNKER, data);
        assertThat(chunks.stream().mapToInt(chunk -> chunk.length).sum()).isEqualTo(data.length);
        for (int i = 0; i < chunks.size() - 1; i++) {
            assertThat(chunks.get(i).length).isBetween(16 << 10, 256 << 10);
        }
        double average = (double) data.length / chunks.size();
        assertThat(average).isBetween(40_000.0, 120_000.0);
    }

    @Test
    void sameSeedSameBoundariesOtherSeedOtherBoundaries() throws IOException {
        byte[] data = random(2, 3_000_000);
        byte[] otherSeed = new byte[32];
        otherSeed[0] = 1;
        List<Integer> first = lengths(chunks(CHUNKER, data));
        assertThat(lengths(chunks(new FastCdcChunker(SEED, 16 << 10, 64 << 10, 256 << 10), data))).isEqualTo(first);
        assertThat(lengths(chunks(new FastCdcChunker(otherSeed, 16 << 10, 64 << 10, 256 << 10), data))).isNotEqualTo(first);
    }

    @Test
    void anInsertionChangesOnlyTheChunksAroundIt() throws IOException {
        byte[] data = random(3, 8_000_000);
        byte[] shifted = new byte[data.length + 100];
        int at = 4_000_000;
        System.arraycopy(data, 0, shifted, 0, at);
        Arrays.fill(shifted, at, at + 100, (byte) 7);
        System.arraycopy(data, at, shifted, at + 100, data.length - at);
        Set<String> before = hashes(chunks(CHUNKER, data));
        List<byte[]> after = chunks(CHUNKER, shifted);
        long changed = after.stream().filter(chunk -> !before.contains(Arrays.toString(digest(chunk)))).count();
        assertThat(changed).isLessThanOrEqualTo(2);
        assertThat(after.size()).isGreaterThan(50);
    }

    @Test
    void fixedChunkerCutsAlignedPages() throws IOException {
        byte[] data = random(4, 100_000);
        List<Integer> lengths = lengths(chunks(FixedChunker.pages(8192, 2), data));
        assertThat(lengths.subList(0, lengths.size() - 1)).allMatch(length -> length == 16384);
        assertThat(lengths.get(lengths.size() - 1)).isEqualTo(100_000 % 16384);
    }

    static List<byte[]> chunks(Chunker chunker, byte[] data) throws IOException {
        ChunkReader reader = new ChunkReader(new ByteArrayInputStream(data), chunker);
        List<byte[]> chunks = new ArrayList<>();
        for (Optional<byte[]> chunk = reader.next(); chunk.isPresent(); chunk = reader.next()) {
            chunks.add(chunk.get());
        }
        return chunks;
    }

    private static List<Integer> lengths(List<byte[]> chunks) {
        return chunks.stream().map(chunk -> chunk.length).toList();
    }

    private static Set<String> hashes(List<byte[]> chunks) {
        Set<String> hashes = new HashSet<>();
        chunks.forEach(chunk -> hashes.add(Arrays.toString(digest(chunk))));
        return hashes;
    }

    private static byte[] digest(byte[] chunk) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(chunk);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] random(long seed, int size) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }
}
