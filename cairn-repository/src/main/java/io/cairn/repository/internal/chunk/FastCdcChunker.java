package io.cairn.repository.internal.chunk;

import io.cairn.repository.Chunker;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * FastCDC (Xia et al., USENIX ATC 2016) with normalized chunking level 2 and cut-point skipping:
 * no cut before {@code min}; between {@code min} and {@code average} a harder mask
 * (log2(average)+2 bits) makes early cuts rare; after {@code average} an easier mask
 * (log2(average)-2 bits) makes late cuts likely; a forced cut at {@code max}. The rolling
 * "gear" hash is {@code h = (h << 1) + gear[byte]}; its top bits depend on the last 64 bytes,
 * so masks take the top bits. The gear table comes from the repository's secret chunker seed,
 * so boundaries (and thus chunk sizes) reveal nothing to someone without the key.
 */
public final class FastCdcChunker implements Chunker {
    private final long[] gear;
    private final int min;
    private final int average;
    private final int max;
    private final long hardMask;
    private final long easyMask;

    public FastCdcChunker(byte[] seed, int min, int average, int max) {
        if (!(0 < min && min < average && average < max) || Integer.bitCount(average) != 1) {
            throw new IllegalArgumentException("chunk sizes must satisfy 0 < min < average < max, average a power of two");
        }
        this.gear = gearTable(seed);
        this.min = min;
        this.average = average;
        this.max = max;
        int bits = Integer.numberOfTrailingZeros(average);
        this.hardMask = topBits(bits + 2);
        this.easyMask = topBits(bits - 2);
    }

    @Override
    public int cut(byte[] data, int offset, int length) {
        int end = Math.min(length, max);
        if (end <= min) {
            return end;
        }
        int normal = Math.min(end, average);
        long hash = 0;
        int i = min;
        for (; i < normal; i++) {
            hash = (hash << 1) + gear[data[offset + i] & 0xff];
            if ((hash & hardMask) == 0) {
                return i + 1;
            }
        }
        for (; i < end; i++) {
            hash = (hash << 1) + gear[data[offset + i] & 0xff];
            if ((hash & easyMask) == 0) {
                return i + 1;
            }
        }
        return end;
    }

    @Override
    public int maxSize() {
        return max;
    }

    @Override
    public String describe() {
        return "fastcdc " + size(min) + "/" + size(average) + "/" + size(max);
    }

    private static String size(int bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + "MiB" : bytes % 1024 == 0 ? (bytes >> 10) + "KiB" : bytes + "B";
    }

    private static long topBits(int count) {
        return -1L << (64 - count);
    }

    /** gear[i] = first 8 bytes of HMAC-SHA256(seed, "cairn-gear" || i). */
    static long[] gearTable(byte[] seed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(seed, "HmacSHA256"));
            long[] table = new long[256];
            byte[] label = "cairn-gear".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            for (int i = 0; i < table.length; i++) {
                mac.update(label);
                mac.update((byte) i);
                table[i] = ByteBuffer.wrap(mac.doFinal()).getLong();
            }
            return table;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256", e);
        }
    }
}
