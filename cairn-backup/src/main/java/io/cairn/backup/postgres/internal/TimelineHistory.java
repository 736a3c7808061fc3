package io.cairn.backup.postgres.internal;

import io.cairn.backup.postgres.Lsn;
import java.util.ArrayList;
import java.util.List;

/**
 * The ancestry of a timeline, from its {@code TTTTTTTT.history} file: each line
 * {@code parentTimeline <tab> switchpoint <tab> reason} says that the parent ended at the
 * switchpoint and its child began there. {@link #ranges()} turns that into the LSN range each
 * timeline of the lineage is valid for, oldest first, the last one open-ended.
 */
public final class TimelineHistory {
    /** A timeline valid from {@code begin} (inclusive) to {@code end} (exclusive; null = open). */
    public record Range(int timeline, Lsn begin, Lsn end) {
        public boolean contains(Lsn lsn) {
            return !lsn.isBefore(begin) && (end == null || lsn.isBefore(end));
        }
    }

    private final int timeline;
    private final List<Range> ranges;

    private TimelineHistory(int timeline, List<Range> ranges) {
        this.timeline = timeline;
        this.ranges = List.copyOf(ranges);
    }

    /** Timeline 1 (or any timeline without a history file): valid everywhere. */
    public static TimelineHistory root(int timeline) {
        return new TimelineHistory(timeline, List.of(new Range(timeline, Lsn.ZERO, null)));
    }

    /** Parses the content of {@code TTTTTTTT.history} for {@code timeline}. */
    public static TimelineHistory parse(int timeline, String content) {
        List<Range> ranges = new ArrayList<>();
        Lsn begin = Lsn.ZERO;
        for (String raw : content.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+", 3);
            if (fields.length < 2) {
                throw new IllegalArgumentException("timeline history line '" + line + "' lacks a switchpoint");
            }
            int parent = Integer.parseInt(fields[0]);
            Lsn switchpoint = Lsn.parse(fields[1]);
            ranges.add(new Range(parent, begin, switchpoint));
            begin = switchpoint;
        }
        ranges.add(new Range(timeline, begin, null));
        return new TimelineHistory(timeline, ranges);
    }

    public int timeline() {
        return timeline;
    }

    public List<Range> ranges() {
        return ranges;
    }

    /** The timeline of this lineage that {@code lsn} belongs to. */
    public Range rangeOf(Lsn lsn) {
        for (Range range : ranges) {
            if (range.contains(lsn)) {
                return range;
            }
        }
        return ranges.get(ranges.size() - 1);
    }

    /**
     * The timeline whose file PostgreSQL reads for segment {@code number}: the newest timeline of
     * the lineage that began at or before the segment's end (a segment holding a switchpoint is
     * read from the new timeline's file, which holds a copy of the old timeline's part).
     */
    public int timelineForSegment(long number, long segmentSize) {
        Lsn segmentEnd = new Lsn((number + 1) * segmentSize);
        int chosen = ranges.get(0).timeline();
        for (Range range : ranges) {
            if (range.begin().isBefore(segmentEnd)) {
                chosen = range.timeline();
            }
        }
        return chosen;
    }

    /** Where timeline {@code tli} of this lineage ends, if it is not the last one. */
    public java.util.Optional<Lsn> endOf(int tli) {
        return ranges.stream().filter(range -> range.timeline() == tli && range.end() != null)
                .map(Range::end).findFirst();
    }
}
