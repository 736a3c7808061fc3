package io.cairn.backup.postgres.internal;

import io.cairn.backup.postgres.Lsn;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One WAL segment file: a timeline and a segment number. Its name is PostgreSQL's
 * {@code TTTTTTTTXXXXXXXXYYYYYYYY}: timeline, then the segment number split into the "log" and
 * the segment within it, each as 8 hex digits (XLogFileName).
 */
public record WalSegment(int timeline, long number, long size) implements Comparable<WalSegment> {
    private static final Pattern NAME = Pattern.compile("[0-9A-F]{24}");
    private static final Pattern HISTORY = Pattern.compile("[0-9A-F]{8}\\.history");

    public WalSegment {
        if (Long.bitCount(size) != 1 || size < (1 << 20) || size > (1L << 30)) {
            throw new IllegalArgumentException("WAL segment size " + size + " is not a power of two in 1 MiB .. 1 GiB");
        }
    }

    /** The segment holding {@code lsn} on {@code timeline}. */
    public static WalSegment containing(int timeline, Lsn lsn, long size) {
        return new WalSegment(timeline, Long.divideUnsigned(lsn.value(), size), size);
    }

    public static boolean isSegmentName(String name) {
        return NAME.matcher(name).matches();
    }

    public static boolean isHistoryName(String name) {
        return HISTORY.matcher(name).matches();
    }

    /** Parses a segment file name (24 hex digits). */
    public static Optional<WalSegment> parse(String name, long size) {
        if (!isSegmentName(name)) {
            return Optional.empty();
        }
        int timeline = (int) Long.parseLong(name.substring(0, 8), 16);
        long log = Long.parseLong(name.substring(8, 16), 16);
        long segment = Long.parseLong(name.substring(16, 24), 16);
        long perLog = segmentsPerLog(size);
        if (segment >= perLog) {
            return Optional.empty();
        }
        return Optional.of(new WalSegment(timeline, log * perLog + segment, size));
    }

    public static String historyName(int timeline) {
        return String.format("%08X.history", timeline);
    }

    private static long segmentsPerLog(long size) {
        return 0x100000000L / size;
    }

    public String name() {
        long perLog = segmentsPerLog(size);
        return String.format("%08X%08X%08X", timeline, number / perLog, number % perLog);
    }

    public Lsn start() {
        return new Lsn(number * size);
    }

    public Lsn end() {
        return new Lsn((number + 1) * size);
    }

    public WalSegment next() {
        return new WalSegment(timeline, number + 1, size);
    }

    public WalSegment onTimeline(int other) {
        return new WalSegment(other, number, size);
    }

    @Override
    public int compareTo(WalSegment other) {
        int byNumber = Long.compare(number, other.number);
        return byNumber != 0 ? byNumber : Integer.compare(timeline, other.timeline);
    }

    @Override
    public String toString() {
        return name();
    }
}
