package io.cairn.repository.internal.crypto;

/**
 * BLAKE2b (RFC 7693), unkeyed, 1 to 64 bytes of output: the hash inside {@link Argon2id}.
 * Our own so that deriving a key loads no class from BouncyCastle's signed jar, whose
 * signature check costs a fresh JVM about 0.7 s before the first class is usable. Not
 * thread-safe; one instance hashes one message.
 */
final class Blake2b {
    private static final long[] IV = {0x6a09e667f3bcc908L, 0xbb67ae8584caa73bL, 0x3c6ef372fe94f82bL,
        0xa54ff53a5f1d36f1L, 0x510e527fade682d1L, 0x9b05688c2b3e6c1fL, 0x1f83d9abfb41bd6bL, 0x5be0cd19137e2179L};
    private static final byte[][] SIGMA = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
        {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
        {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
        {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
        {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
        {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
        {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
        {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
        {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
        {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
        {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3}};
    private static final int BLOCK = 128;

    private final long[] state = new long[8];
    private final long[] words = new long[16];
    private final long[] work = new long[16];
    private final byte[] buffer = new byte[BLOCK];
    private final int outputLength;
    private int buffered;
    /** Bytes compressed so far (messages here are far below 2^64 bytes). */
    private long counter;

    Blake2b(int outputLength) {
        if (outputLength < 1 || outputLength > 64) {
            throw new IllegalArgumentException("BLAKE2b output length " + outputLength + " not in 1..64");
        }
        this.outputLength = outputLength;
        System.arraycopy(IV, 0, state, 0, 8);
        state[0] ^= 0x01010000L ^ outputLength;
    }

    void update(byte[] data, int offset, int length) {
        int position = offset;
        int remaining = length;
        while (remaining > 0) {
            if (buffered == BLOCK) {
                // only now is it known that this block is not the last one
                counter += BLOCK;
                compress(false);
                buffered = 0;
            }
            int take = Math.min(BLOCK - buffered, remaining);
            System.arraycopy(data, position, buffer, buffered, take);
            buffered += take;
            position += take;
            remaining -= take;
        }
    }

    /** Writes the {@code outputLength}-byte digest to {@code out} at {@code offset}. */
    void digest(byte[] out, int offset) {
        counter += buffered;
        java.util.Arrays.fill(buffer, buffered, BLOCK, (byte) 0);
        compress(true);
        for (int i = 0; i < outputLength; i++) {
            out[offset + i] = (byte) (state[i >>> 3] >>> (8 * (i & 7)));
        }
    }

    private void compress(boolean last) {
        for (int i = 0; i < 16; i++) {
            long value = 0;
            for (int b = 7; b >= 0; b--) {
                value = value << 8 | (buffer[i * 8 + b] & 0xFF);
            }
            words[i] = value;
        }
        long[] v = work;
        System.arraycopy(state, 0, v, 0, 8);
        System.arraycopy(IV, 0, v, 8, 8);
        v[12] ^= counter;
        if (last) {
            v[14] = ~v[14];
        }
        for (byte[] sigma : SIGMA) {
            mix(v, 0, 4, 8, 12, words[sigma[0]], words[sigma[1]]);
            mix(v, 1, 5, 9, 13, words[sigma[2]], words[sigma[3]]);
            mix(v, 2, 6, 10, 14, words[sigma[4]], words[sigma[5]]);
            mix(v, 3, 7, 11, 15, words[sigma[6]], words[sigma[7]]);
            mix(v, 0, 5, 10, 15, words[sigma[8]], words[sigma[9]]);
            mix(v, 1, 6, 11, 12, words[sigma[10]], words[sigma[11]]);
            mix(v, 2, 7, 8, 13, words[sigma[12]], words[sigma[13]]);
            mix(v, 3, 4, 9, 14, words[sigma[14]], words[sigma[15]]);
        }
        for (int i = 0; i < 8; i++) {
            state[i] ^= v[i] ^ v[i + 8];
        }
    }

    private static void mix(long[] v, int a, int b, int c, int d, long x, long y) {
        v[a] = v[a] + v[b] + x;
        v[d] = Long.rotateRight(v[d] ^ v[a], 32);
        v[c] = v[c] + v[d];
        v[b] = Long.rotateRight(v[b] ^ v[c], 24);
        v[a] = v[a] + v[b] + y;
        v[d] = Long.rotateRight(v[d] ^ v[a], 16);
        v[c] = v[c] + v[d];
        v[b] = Long.rotateRight(v[b] ^ v[c], 63);
    }
}
