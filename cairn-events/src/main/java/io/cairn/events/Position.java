package io.cairn.events;

import java.util.Comparator;

/**
 * A place in the global order of one event store: the writing transaction's 64-bit id, then the
 * event's sequence number. Events are read in this order, and only below the visibility watermark
 * (see docs/events.md, "The ordering guarantee"): a reader that has seen a position never later
 * finds a newly committed event before it. Text form {@code "<transaction>:<sequence>"}.
 */
public record Position(long transaction, long sequence) implements Comparable<Position> {
    /** Before every event. */
    public static final Position START = new Position(0, 0);
    private static final Comparator<Position> ORDER = Comparator.comparingLong(Position::transaction)
            .thenComparingLong(Position::sequence);

    public Position {
        if (transaction < 0 || sequence < 0) {
            throw new IllegalArgumentException("a position is never negative: " + transaction + ":" + sequence);
        }
    }

    /** Parses {@code "<transaction>:<sequence>"}. */
    public static Position parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("a position looks like 1234:56, got \"" + text + "\"");
        }
        try {
            return new Position(Long.parseLong(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a position looks like 1234:56, got \"" + text + "\"", e);
        }
    }

    public boolean isAfter(Position other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(Position other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return transaction + ":" + sequence;
    }
}
