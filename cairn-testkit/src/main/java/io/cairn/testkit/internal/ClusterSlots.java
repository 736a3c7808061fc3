package io.cairn.testkit.internal;

import java.nio.charset.StandardCharsets;

/** Redis Cluster key → slot: CRC16 (XMODEM) of the key, or of its {hash tag}, modulo 16384. */
public final class ClusterSlots {
    public static final int COUNT = 16384;

    private ClusterSlots() {
    }

    public static int of(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        int start = 0;
        int end = bytes.length;
        int open = key.indexOf('{');
        if (open >= 0) {
            int close = key.indexOf('}', open + 1);
            if (close > open + 1) {
                byte[] tag = key.substring(open + 1, close).getBytes(StandardCharsets.UTF_8);
                return crc16(tag, 0, tag.length) % COUNT;
            }
        }
        return crc16(bytes, start, end) % COUNT;
    }

    private static int crc16(byte[] bytes, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc ^= (bytes[i] & 0xff) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }
        return crc & 0xffff;
    }
}
