package io.cairn.backup.postgres.internal;

import io.cairn.backup.postgres.Lsn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Copies the WAL a recovery will ask for into a spool directory before the server starts, so
 * restore_command is a local copy instead of a repository lookup per segment (each of which
 * would start a JVM and derive the repository key). Stages every timeline history file and the
 * segments along the lineage from the backup's start: when a restore_command fallback can fetch
 * more, only up to a little past the target (LSN: two segments past it; time: two files past
 * the first one stored after it, a guess, since a lagging streamer stores WAL late); otherwise
 * to the end of the archive, which is always enough.
 */
public final class WalStager {
    private static final int EXTRA_FILES = 2;

    private final WalArchive archive;

    public WalStager(WalArchive archive) {
        this.archive = archive;
    }

    /** Returns the number of files staged. */
    public int stage(WalCatalog catalog, TimelineHistory lineage, Lsn from, Optional<Lsn> untilLsn,
            Optional<Instant> untilTime, Path spool) throws IOException {
        Files.createDirectories(spool);
        int staged = 0;
        long size = catalog.segmentSize();
        for (WalFile history : catalog.histories()) {
            archive.fetch(history, spool.resolve(history.name()), size);
            staged++;
        }
        int pastTarget = 0;
        for (long number = Long.divideUnsigned(from.value(), size); ; number++) {
            WalSegment segment = new WalSegment(lineage.timelineForSegment(number, size), number, size);
            Optional<WalFile> file = catalog.completeSegment(segment).or(() -> catalog.partialSegment(segment));
            if (file.isEmpty()) {
                return staged;
            }
            archive.fetch(file.get(), spool.resolve(segment.name()), size);
            staged++;
            if (pastTarget > EXTRA_FILES || file.get().isPartial()) {
                return staged;
            }
            if (pastTarget > 0 || untilLsn.map(lsn -> !segment.end().isBefore(lsn)).orElse(false)
                    || untilTime.map(time -> file.get().stored().isAfter(time)).orElse(false)) {
                pastTarget++;
            }
        }
    }
}
