package io.cairn.dump.redis.internal;

/**
 * The CRC-64 that Redis puts at the end of RDB files and DUMP payloads: Jones polynomial
 * (0xad93d23594c935a9), reflected, initial value 0, no final xor. crc64("123456789") is
 * 0xe9c6d914c4b8d9ca, the check value in Redis's own crc64.c.
 */
final class Crc64 {
    private static final long POLY = 0x95ac9329ac4bc9b5L; // 0xad93d23594c935a9 reflected
    private static final long[] TABLE = new long[256];

    static {
        for (int i = 0; i < 256; i++) {
            long crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLY : crc >>> 1;
            }
            TABLE[i] = crc;
        }
    }

    private long value;

    void update(byte[] data, int offset, int length) {
        long crc = value;
        for (int i = offset; i < offset + length; i++) {
            crc = TABLE[(int) ((crc ^ data[i]) & 0xff)] ^ (crc >>> 8);
        }
        value = crc;
    }

    void update(byte b) {
        value = TABLE[(int) ((value ^ b) & 0xff)] ^ (value >>> 8);
    }

    long value() {
        return value;
    }

    static long of(byte[] data, int offset, int length) {
        Crc64 crc = new Crc64();
        crc.update(data, offset, length);
        return crc.value();
    }
}
