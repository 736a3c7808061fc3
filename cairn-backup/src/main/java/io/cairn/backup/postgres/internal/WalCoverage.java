package io.cairn.backup.postgres.internal;

import io.cairn.backup.postgres.Lsn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How far the archived WAL reaches without a gap, along one timeline lineage, reading for each
 * segment the file PostgreSQL's recovery would ask for (see
 * {@link TimelineHistory#timelineForSegment}).
 *
 * @param start         where the walk began
 * @param end           the first position not covered (equal to {@code start} when nothing is)
 * @param endTime       when the last covering file was stored: WAL up to {@code end} was written before it
 * @param firstMissing  the first segment that is neither complete nor partial, if the walk stopped at one
 */
public record WalCoverage(Lsn start, Lsn end, Optional<Instant> endTime, Optional<WalSegment> firstMissing) {

    public boolean covers(Lsn lsn) {
        return !end.isBefore(lsn);
    }

    public static WalCoverage from(WalCatalog catalog, TimelineHistory history, Lsn start) {
        long size = catalog.segmentSize();
        Lsn end = start;
        Instant time = null;
        for (long number = Long.divideUnsigned(start.value(), size); ; number++) {
            WalSegment segment = new WalSegment(history.timelineForSegment(number, size), number, size);
            Optional<WalFile> complete = catalog.completeSegment(segment);
            if (complete.isPresent()) {
                end = segment.end();
                time = complete.get().stored();
                continue;
            }
            Optional<WalFile> partial = catalog.partialSegment(segment);
            if (partial.isPresent()) {
                end = Lsn.max(end, partial.get().partialEnd().orElseThrow());
                return new WalCoverage(start, end, Optional.of(partial.get().stored()), Optional.of(segment.next()));
            }
            return new WalCoverage(start, end, Optional.ofNullable(time), Optional.of(segment));
        }
    }

    /** Every gap-free run of archived WAL along the lineage, oldest first. */
    public static List<WalCoverage> runs(WalCatalog catalog, TimelineHistory history) {
        long size = catalog.segmentSize();
        List<WalCoverage> runs = new ArrayList<>();
        Lsn after = Lsn.ZERO;
        for (WalSegment segment : catalog.segments()) {
            if (segment.timeline() != history.timelineForSegment(segment.number(), size) || segment.start().isBefore(after)) {
                continue;
            }
            WalCoverage run = from(catalog, history, segment.start());
            if (run.end().isAfter(run.start())) {
                runs.add(run);
                after = run.end();
            }
        }
        return runs;
    }
}
