package io.cairn.repository.internal.crypto;

/**
 * Argon2id version 1.3 (RFC 9106) without secret or associated data, written for a short-lived
 * JVM: every repository command derives one key, and that one derivation used to be the largest
 * single cost of a mostly unchanged backup. BouncyCastle's implementation (which this one
 * matches bit for bit, see Argon2idTest) keeps memory as 65,536 small block objects and splits
 * the compression function into many small calls; in a fresh JVM that meant garbage
 * collection of 64 MiB of objects and seconds of interpreted and JIT-compiled code. Here
 * memory is one {@code long[]} and each BLAKE2 round works on sixteen local variables, which
 * the interpreter and both compilers handle well. Lanes are filled one after another on the
 * calling thread (the result does not depend on the order within a slice). The BLAKE2b inside is
 * {@link Blake2b}, so no class of BouncyCastle's signed jar is loaded (its signature check alone
 * cost a fresh JVM about 0.7 s).
 */
public final class Argon2id {
    private static final int BLOCK_WORDS = 128;
    private static final int SYNC_POINTS = 4;
    private static final int VERSION = 0x13;
    private static final int TYPE_ID = 2;

    private final int lanes;
    private final int passes;
    private final int laneLength;
    private final int segmentLength;
    private final int blockCount;
    private final long[] memory;
    /** Scratch blocks of the compression function and of address generation. */
    private final long[] work = new long[BLOCK_WORDS];
    private final long[] saved = new long[BLOCK_WORDS];
    private final long[] addresses = new long[BLOCK_WORDS];
    private final long[] input = new long[BLOCK_WORDS];
    private final long[] zero = new long[BLOCK_WORDS];

    private Argon2id(int memoryKiB, int passes, int lanes) {
        this.lanes = lanes;
        this.passes = passes;
        int blocks = Math.max(memoryKiB, 2 * SYNC_POINTS * lanes);
        this.segmentLength = blocks / (lanes * SYNC_POINTS);
        this.laneLength = segmentLength * SYNC_POINTS;
        this.blockCount = laneLength * lanes;
        this.memory = new long[blockCount * BLOCK_WORDS];
    }

    /** The {@code length}-byte tag of {@code password} and {@code salt} under these costs. */
    public static byte[] derive(byte[] password, byte[] salt, int memoryKiB, int passes, int lanes, int length) {
        if (memoryKiB < 8 * lanes || passes < 1 || lanes < 1 || length < 4) {
            throw new IllegalArgumentException("argon2id parameters out of range");
        }
        return new Argon2id(memoryKiB, passes, lanes).run(password, salt, memoryKiB, length);
    }

    private byte[] run(byte[] password, byte[] salt, int memoryKiB, int length) {
        byte[] seed = initialHash(password, salt, memoryKiB, length);
        byte[] block = new byte[BLOCK_WORDS * 8];
        byte[] seedInput = new byte[seed.length + 8];
        System.arraycopy(seed, 0, seedInput, 0, seed.length);
        for (int lane = 0; lane < lanes; lane++) {
            for (int column = 0; column < 2; column++) {
                putInt(seedInput, seed.length, column);
                putInt(seedInput, seed.length + 4, lane);
                variableHash(seedInput, block);
                fromBytes(block, (lane * laneLength + column) * BLOCK_WORDS);
            }
        }
        for (int pass = 0; pass < passes; pass++) {
            for (int slice = 0; slice < SYNC_POINTS; slice++) {
                for (int lane = 0; lane < lanes; lane++) {
                    fillSegment(pass, slice, lane);
                }
            }
        }
        long[] last = new long[BLOCK_WORDS];
        for (int lane = 0; lane < lanes; lane++) {
            int offset = (lane * laneLength + laneLength - 1) * BLOCK_WORDS;
            for (int i = 0; i < BLOCK_WORDS; i++) {
                last[i] ^= memory[offset + i];
            }
        }
        for (int i = 0; i < BLOCK_WORDS; i++) {
            putLong(block, i * 8, last[i]);
        }
        byte[] tag = new byte[length];
        variableHash(block, tag);
        java.util.Arrays.fill(memory, 0L);
        java.util.Arrays.fill(block, (byte) 0);
        return tag;
    }

    private byte[] initialHash(byte[] password, byte[] salt, int memoryKiB, int length) {
        Blake2b digest = new Blake2b(64);
        int[] header = {lanes, length, memoryKiB, passes, VERSION, TYPE_ID};
        for (int value : header) {
            update(digest, value);
        }
        update(digest, password.length);
        digest.update(password, 0, password.length);
        update(digest, salt.length);
        digest.update(salt, 0, salt.length);
        update(digest, 0); // no secret
        update(digest, 0); // no associated data
        byte[] seed = new byte[64];
        digest.digest(seed, 0);
        return seed;
    }

    /** H' of RFC 9106 section 3.3: BLAKE2b stretched to {@code out.length} bytes. */
    private static void variableHash(byte[] in, byte[] out) {
        byte[] prefix = new byte[4];
        putInt(prefix, 0, out.length);
        if (out.length <= 64) {
            Blake2b digest = new Blake2b(out.length);
            digest.update(prefix, 0, 4);
            digest.update(in, 0, in.length);
            digest.digest(out, 0);
            return;
        }
        byte[] value = new byte[64];
        Blake2b digest = new Blake2b(64);
        digest.update(prefix, 0, 4);
        digest.update(in, 0, in.length);
        digest.digest(value, 0);
        int position = 0;
        while (out.length - position > 64) {
            System.arraycopy(value, 0, out, position, 32);
            position += 32;
            int size = Math.min(64, out.length - position);
            digest = new Blake2b(size);
            digest.update(value, 0, 64);
            value = new byte[size];
            digest.digest(value, 0);
        }
        System.arraycopy(value, 0, out, position, out.length - position);
    }

    private void fillSegment(int pass, int slice, int lane) {
        boolean independent = pass == 0 && slice < SYNC_POINTS / 2;
        if (independent) {
            java.util.Arrays.fill(input, 0L);
            input[0] = pass;
            input[1] = lane;
            input[2] = slice;
            input[3] = blockCount;
            input[4] = passes;
            input[5] = TYPE_ID;
        }
        int start = 0;
        if (pass == 0 && slice == 0) {
            start = 2;
            if (independent) {
                nextAddresses();
            }
        }
        int current = lane * laneLength + slice * segmentLength + start;
        int previous = current % laneLength == 0 ? current + laneLength - 1 : current - 1;
        for (int index = start; index < segmentLength; index++, current++, previous++) {
            if (current % laneLength == 1) {
                previous = current - 1;
            }
            long random;
            if (independent) {
                if (index % BLOCK_WORDS == 0) {
                    nextAddresses();
                }
                random = addresses[index % BLOCK_WORDS];
            } else {
                random = memory[previous * BLOCK_WORDS];
            }
            int referenceLane = pass == 0 && slice == 0 ? lane : (int) ((random >>> 32) % lanes);
            int referenceIndex = referenceIndex(pass, slice, index, random & 0xFFFFFFFFL, referenceLane == lane);
            compress(memory, previous * BLOCK_WORDS, memory, (referenceLane * laneLength + referenceIndex) * BLOCK_WORDS,
                    memory, current * BLOCK_WORDS, pass > 0);
        }
    }

    /** The index within the reference lane of the block to mix in (RFC 9106 section 3.4.2). */
    private int referenceIndex(int pass, int slice, int index, long random, boolean sameLane) {
        long area;
        if (pass == 0) {
            if (slice == 0) {
                area = index - 1;
            } else if (sameLane) {
                area = (long) slice * segmentLength + index - 1;
            } else {
                area = (long) slice * segmentLength + (index == 0 ? -1 : 0);
            }
        } else if (sameLane) {
            area = laneLength - segmentLength + index - 1;
        } else {
            area = laneLength - segmentLength + (index == 0 ? -1 : 0);
        }
        long relative = (random * random) >>> 32;
        relative = area - 1 - ((area * relative) >>> 32);
        long start = pass != 0 && slice != SYNC_POINTS - 1 ? (long) (slice + 1) * segmentLength : 0;
        return (int) ((start + relative) % laneLength);
    }

    private void nextAddresses() {
        input[6]++;
        compress(zero, 0, input, 0, addresses, 0, false);
        compress(zero, 0, addresses, 0, addresses, 0, false);
    }

    /** G of RFC 9106 section 3.5: {@code out = P(x ^ y) ^ x ^ y}, xored into {@code out} too from pass 2 on. */
    private void compress(long[] x, int xOffset, long[] y, int yOffset, long[] out, int outOffset, boolean xorOut) {
        long[] r = work;
        long[] keep = saved;
        for (int i = 0; i < BLOCK_WORDS; i++) {
            r[i] = x[xOffset + i] ^ y[yOffset + i];
        }
        if (xorOut) {
            for (int i = 0; i < BLOCK_WORDS; i++) {
                keep[i] = r[i] ^ out[outOffset + i];
            }
        } else {
            System.arraycopy(r, 0, keep, 0, BLOCK_WORDS);
        }
        for (int row = 0; row < 8; row++) {
            roundOverRow(r, row * 16);
        }
        for (int column = 0; column < 8; column++) {
            roundOverColumn(r, column * 2);
        }
        for (int i = 0; i < BLOCK_WORDS; i++) {
            out[outOffset + i] = keep[i] ^ r[i];
        }
    }

    /** One BLAKE2b round with BlaMka multiplication over the 16 words of row {@code base / 16}; offsets are constants so the compilers drop most bounds checks. */
    private static void roundOverRow(long[] r, int base) {
        long v0 = r[base + 0];
        long v1 = r[base + 1];
        long v2 = r[base + 2];
        long v3 = r[base + 3];
        long v4 = r[base + 4];
        long v5 = r[base + 5];
        long v6 = r[base + 6];
        long v7 = r[base + 7];
        long v8 = r[base + 8];
        long v9 = r[base + 9];
        long v10 = r[base + 10];
        long v11 = r[base + 11];
        long v12 = r[base + 12];
        long v13 = r[base + 13];
        long v14 = r[base + 14];
        long v15 = r[base + 15];
        // columns
        v0 = mix(v0, v4); v12 = Long.rotateRight(v12 ^ v0, 32); v8 = mix(v8, v12); v4 = Long.rotateRight(v4 ^ v8, 24);
        v0 = mix(v0, v4); v12 = Long.rotateRight(v12 ^ v0, 16); v8 = mix(v8, v12); v4 = Long.rotateRight(v4 ^ v8, 63);
        v1 = mix(v1, v5); v13 = Long.rotateRight(v13 ^ v1, 32); v9 = mix(v9, v13); v5 = Long.rotateRight(v5 ^ v9, 24);
        v1 = mix(v1, v5); v13 = Long.rotateRight(v13 ^ v1, 16); v9 = mix(v9, v13); v5 = Long.rotateRight(v5 ^ v9, 63);
        v2 = mix(v2, v6); v14 = Long.rotateRight(v14 ^ v2, 32); v10 = mix(v10, v14); v6 = Long.rotateRight(v6 ^ v10, 24);
        v2 = mix(v2, v6); v14 = Long.rotateRight(v14 ^ v2, 16); v10 = mix(v10, v14); v6 = Long.rotateRight(v6 ^ v10, 63);
        v3 = mix(v3, v7); v15 = Long.rotateRight(v15 ^ v3, 32); v11 = mix(v11, v15); v7 = Long.rotateRight(v7 ^ v11, 24);
        v3 = mix(v3, v7); v15 = Long.rotateRight(v15 ^ v3, 16); v11 = mix(v11, v15); v7 = Long.rotateRight(v7 ^ v11, 63);
        // diagonals
        v0 = mix(v0, v5); v15 = Long.rotateRight(v15 ^ v0, 32); v10 = mix(v10, v15); v5 = Long.rotateRight(v5 ^ v10, 24);
        v0 = mix(v0, v5); v15 = Long.rotateRight(v15 ^ v0, 16); v10 = mix(v10, v15); v5 = Long.rotateRight(v5 ^ v10, 63);
        v1 = mix(v1, v6); v12 = Long.rotateRight(v12 ^ v1, 32); v11 = mix(v11, v12); v6 = Long.rotateRight(v6 ^ v11, 24);
        v1 = mix(v1, v6); v12 = Long.rotateRight(v12 ^ v1, 16); v11 = mix(v11, v12); v6 = Long.rotateRight(v6 ^ v11, 63);
        v2 = mix(v2, v7); v13 = Long.rotateRight(v13 ^ v2, 32); v8 = mix(v8, v13); v7 = Long.rotateRight(v7 ^ v8, 24);
        v2 = mix(v2, v7); v13 = Long.rotateRight(v13 ^ v2, 16); v8 = mix(v8, v13); v7 = Long.rotateRight(v7 ^ v8, 63);
        v3 = mix(v3, v4); v14 = Long.rotateRight(v14 ^ v3, 32); v9 = mix(v9, v14); v4 = Long.rotateRight(v4 ^ v9, 24);
        v3 = mix(v3, v4); v14 = Long.rotateRight(v14 ^ v3, 16); v9 = mix(v9, v14); v4 = Long.rotateRight(v4 ^ v9, 63);
        r[base + 0] = v0;
        r[base + 1] = v1;
        r[base + 2] = v2;
        r[base + 3] = v3;
        r[base + 4] = v4;
        r[base + 5] = v5;
        r[base + 6] = v6;
        r[base + 7] = v7;
        r[base + 8] = v8;
        r[base + 9] = v9;
        r[base + 10] = v10;
        r[base + 11] = v11;
        r[base + 12] = v12;
        r[base + 13] = v13;
        r[base + 14] = v14;
        r[base + 15] = v15;
    }

    /** The same round over the 16 words of column pair {@code base / 2}. */
    private static void roundOverColumn(long[] r, int base) {
        long v0 = r[base + 0];
        long v1 = r[base + 1];
        long v2 = r[base + 16];
        long v3 = r[base + 17];
        long v4 = r[base + 32];
        long v5 = r[base + 33];
        long v6 = r[base + 48];
        long v7 = r[base + 49];
        long v8 = r[base + 64];
        long v9 = r[base + 65];
        long v10 = r[base + 80];
        long v11 = r[base + 81];
        long v12 = r[base + 96];
        long v13 = r[base + 97];
        long v14 = r[base + 112];
        long v15 = r[base + 113];
        // columns
        v0 = mix(v0, v4); v12 = Long.rotateRight(v12 ^ v0, 32); v8 = mix(v8, v12); v4 = Long.rotateRight(v4 ^ v8, 24);
        v0 = mix(v0, v4); v12 = Long.rotateRight(v12 ^ v0, 16); v8 = mix(v8, v12); v4 = Long.rotateRight(v4 ^ v8, 63);
        v1 = mix(v1, v5); v13 = Long.rotateRight(v13 ^ v1, 32); v9 = mix(v9, v13); v5 = Long.rotateRight(v5 ^ v9, 24);
        v1 = mix(v1, v5); v13 = Long.rotateRight(v13 ^ v1, 16); v9 = mix(v9, v13); v5 = Long.rotateRight(v5 ^ v9, 63);
        v2 = mix(v2, v6); v14 = Long.rotateRight(v14 ^ v2, 32); v10 = mix(v10, v14); v6 = Long.rotateRight(v6 ^ v10, 24);
        v2 = mix(v2, v6); v14 = Long.rotateRight(v14 ^ v2, 16); v10 = mix(v10, v14); v6 = Long.rotateRight(v6 ^ v10, 63);
        v3 = mix(v3, v7); v15 = Long.rotateRight(v15 ^ v3, 32); v11 = mix(v11, v15); v7 = Long.rotateRight(v7 ^ v11, 24);
        v3 = mix(v3, v7); v15 = Long.rotateRight(v15 ^ v3, 16); v11 = mix(v11, v15); v7 = Long.rotateRight(v7 ^ v11, 63);
        // diagonals
        v0 = mix(v0, v5); v15 = Long.rotateRight(v15 ^ v0, 32); v10 = mix(v10, v15); v5 = Long.rotateRight(v5 ^ v10, 24);
        v0 = mix(v0, v5); v15 = Long.rotateRight(v15 ^ v0, 16); v10 = mix(v10, v15); v5 = Long.rotateRight(v5 ^ v10, 63);
        v1 = mix(v1, v6); v12 = Long.rotateRight(v12 ^ v1, 32); v11 = mix(v11, v12); v6 = Long.rotateRight(v6 ^ v11, 24);
        v1 = mix(v1, v6); v12 = Long.rotateRight(v12 ^ v1, 16); v11 = mix(v11, v12); v6 = Long.rotateRight(v6 ^ v11, 63);
        v2 = mix(v2, v7); v13 = Long.rotateRight(v13 ^ v2, 32); v8 = mix(v8, v13); v7 = Long.rotateRight(v7 ^ v8, 24);
        v2 = mix(v2, v7); v13 = Long.rotateRight(v13 ^ v2, 16); v8 = mix(v8, v13); v7 = Long.rotateRight(v7 ^ v8, 63);
        v3 = mix(v3, v4); v14 = Long.rotateRight(v14 ^ v3, 32); v9 = mix(v9, v14); v4 = Long.rotateRight(v4 ^ v9, 24);
        v3 = mix(v3, v4); v14 = Long.rotateRight(v14 ^ v3, 16); v9 = mix(v9, v14); v4 = Long.rotateRight(v4 ^ v9, 63);
        r[base + 0] = v0;
        r[base + 1] = v1;
        r[base + 16] = v2;
        r[base + 17] = v3;
        r[base + 32] = v4;
        r[base + 33] = v5;
        r[base + 48] = v6;
        r[base + 49] = v7;
        r[base + 64] = v8;
        r[base + 65] = v9;
        r[base + 80] = v10;
        r[base + 81] = v11;
        r[base + 96] = v12;
        r[base + 97] = v13;
        r[base + 112] = v14;
        r[base + 113] = v15;
    }

    /** BlaMka's addition: {@code a + b + 2 * lo32(a) * lo32(b)}. */
    private static long mix(long a, long b) {
        return a + b + 2 * (a & 0xFFFFFFFFL) * (b & 0xFFFFFFFFL);
    }

    private void fromBytes(byte[] block, int offset) {
        for (int i = 0; i < BLOCK_WORDS; i++) {
            long value = 0;
            for (int b = 7; b >= 0; b--) {
                value = value << 8 | (block[i * 8 + b] & 0xFF);
            }
            memory[offset + i] = value;
        }
    }

    private static void update(Blake2b digest, int value) {
        byte[] bytes = new byte[4];
        putInt(bytes, 0, value);
        digest.update(bytes, 0, 4);
    }

    private static void putInt(byte[] target, int offset, int value) {
        for (int i = 0; i < 4; i++) {
            target[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    private static void putLong(byte[] target, int offset, long value) {
        for (int i = 0; i < 8; i++) {
            target[offset + i] = (byte) (value >>> (8 * i));
        }
    }
}
