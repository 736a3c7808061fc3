package io.cairn.backup.postgres;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;

/**
 * A PostgreSQL WAL position (log sequence number), printed and parsed as PostgreSQL does:
 * {@code 0/3000028} (high and low 32 bits in hex). Compared as an unsigned 64-bit number.
 */
public record Lsn(long value) implements Comparable<Lsn> {
    public static final Lsn ZERO = new Lsn(0);

    @JsonCreator
    public static Lsn parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        if (slash <= 0 || slash == trimmed.length() - 1) {
            throw new CairnException(ErrorCode.USAGE, "'" + text + "' is not a WAL position like 0/3000028");
        }
        try {
            long high = Long.parseLong(trimmed.substring(0, slash), 16);
            long low = Long.parseLong(trimmed.substring(slash + 1), 16);
            if (high > 0xFFFFFFFFL || low > 0xFFFFFFFFL) {
                throw new NumberFormatException("out of range");
            }
            return new Lsn(high << 32 | low);
        } catch (NumberFormatException e) {
            throw new CairnException(ErrorCode.USAGE, "'" + text + "' is not a WAL position like 0/3000028", e);
        }
    }

    public Lsn plus(long bytes) {
        return new Lsn(value + bytes);
    }

    /** Bytes from {@code other} to this position (negative when this is earlier). */
    public long minus(Lsn other) {
        return value - other.value;
    }

    public boolean isBefore(Lsn other) {
        return compareTo(other) < 0;
    }

    public boolean isAfter(Lsn other) {
        return compareTo(other) > 0;
    }

    public static Lsn max(Lsn a, Lsn b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    public static Lsn min(Lsn a, Lsn b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public int compareTo(Lsn other) {
        return Long.compareUnsigned(value, other.value);
    }

    @JsonValue
    @Override
    public String toString() {
        return Long.toHexString(value >>> 32).toUpperCase(java.util.Locale.ROOT) + "/"
                + Long.toHexString(value & 0xFFFFFFFFL).toUpperCase(java.util.Locale.ROOT);
    }
}
