package io.cairn.backup.postgres.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The long page header at the start of every WAL segment (XLogLongPageHeaderData): magic,
 * timeline, the segment's own start address, the cluster's system identifier and the segment
 * size. Used to refuse a file that is not what its name claims (a recycled segment in pg_wal
 * still carries its old address).
 */
public record WalPageHeader(int magic, int timeline, long pageAddress, long systemIdentifier, long segmentSize) {
    public static final int LENGTH = 40;
    private static final int XLP_LONG_HEADER = 0x0002;

    /** Parses the header; empty when the page is not a long header. */
    public static java.util.Optional<WalPageHeader> parse(byte[] data) {
        if (data.length < LENGTH) {
            return java.util.Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int magic = buffer.getShort(0) & 0xFFFF;
        int info = buffer.getShort(2) & 0xFFFF;
        if ((info & XLP_LONG_HEADER) == 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new WalPageHeader(magic, buffer.getInt(4), buffer.getLong(8), buffer.getLong(24),
                buffer.getInt(32) & 0xFFFFFFFFL));
    }

    /** The system identifier as PostgreSQL prints it (an unsigned 64-bit number). */
    public String systemIdentifierText() {
        return Long.toUnsignedString(systemIdentifier);
    }
}
