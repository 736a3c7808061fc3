package io.cairn.backup.postgres.internal;

/**
 * PostgreSQL's data page checksum ({@code pg_checksum_page} in src/include/storage/checksum_impl.h):
 * 32 parallel FNV-1a-like sums over the page read as little-endian 32-bit words with the
 * checksum field zeroed, two extra rounds of zeros, folded by XOR, mixed with the block number
 * and reduced to 1..65535. Java's int arithmetic wraps like C's uint32, and {@code >>>} is the
 * unsigned shift, so the sums match bit for bit.
 */
public final class PageChecksum {
    /** Offset of pd_checksum (uint16) in the page header, after the 8-byte pd_lsn. */
    public static final int CHECKSUM_OFFSET = 8;
    private static final int N_SUMS = 32;
    private static final int FNV_PRIME = 16777619;
    private static final int[] BASE_OFFSETS = {
        0x5B1F36E9, 0xB8525960, 0x02AB50AA, 0x1DE66D2A, 0x79FF467A, 0x9BB9F8A3, 0x217E7CD2, 0x83E13D2C,
        0xF8D4474F, 0xE39EB970, 0x42C6AE16, 0x993216FA, 0x7B093B5D, 0x98DAFF3C, 0xF718902A, 0x0B1C9CDB,
        0xE58F764B, 0x187636BC, 0x5D7B3BB1, 0xE73DE7DE, 0x92BEC979, 0xCCA6C0B2, 0x304A0979, 0x85AA43D4,
        0x783125BB, 0x6CA8EAA2, 0xE407EAC6, 0x4B5CFC3E, 0x9FBF8C76, 0x15CA20BE, 0xF2CA9FD3, 0x959BD756
    };

    private PageChecksum() {
    }

    /**
     * The checksum PostgreSQL would store for the page at {@code data[offset .. offset+pageSize)}
     * as block {@code blockNumber} of its relation (counting across 1 GiB segment files).
     */
    public static int compute(byte[] data, int offset, int pageSize, long blockNumber) {
        int[] sums = BASE_OFFSETS.clone();
        int words = pageSize / 4;
        for (int word = 0; word < words; word += N_SUMS) {
            for (int j = 0; j < N_SUMS; j++) {
                int position = offset + (word + j) * 4;
                int value = position - offset == CHECKSUM_OFFSET ? (littleEndianInt(data, position) & 0xFFFF0000)
                        : littleEndianInt(data, position);
                sums[j] = mix(sums[j], value);
            }
        }
        int result = 0;
        for (int j = 0; j < N_SUMS; j++) {
            int sum = mix(mix(sums[j], 0), 0);
            result ^= sum;
        }
        result ^= (int) blockNumber;
        return Integer.remainderUnsigned(result, 65535) + 1;
    }

    private static int mix(int checksum, int value) {
        int tmp = checksum ^ value;
        return tmp * FNV_PRIME ^ (tmp >>> 17);
    }

    /** The checksum stored in the page header. */
    public static int stored(byte[] data, int offset) {
        return (data[offset + CHECKSUM_OFFSET] & 0xFF) | (data[offset + CHECKSUM_OFFSET + 1] & 0xFF) << 8;
    }

    /** The page LSN (pd_lsn: xlogid, then xrecoff, each a little-endian uint32). */
    public static long pageLsn(byte[] data, int offset) {
        long high = littleEndianInt(data, offset) & 0xFFFFFFFFL;
        long low = littleEndianInt(data, offset + 4) & 0xFFFFFFFFL;
        return high << 32 | low;
    }

    /** pd_upper: 0 means the page was never initialised (PageIsNew). */
    public static int upper(byte[] data, int offset) {
        return (data[offset + 14] & 0xFF) | (data[offset + 15] & 0xFF) << 8;
    }

    /** True when every byte of the page is zero. */
    public static boolean isAllZero(byte[] data, int offset, int pageSize) {
        for (int i = offset; i < offset + pageSize; i++) {
            if (data[i] != 0) {
                return false;
            }
        }
        return true;
    }

    static int littleEndianInt(byte[] data, int position) {
        return (data[position] & 0xFF) | (data[position + 1] & 0xFF) << 8 | (data[position + 2] & 0xFF) << 16
                | (data[position + 3] & 0xFF) << 24;
    }
}
