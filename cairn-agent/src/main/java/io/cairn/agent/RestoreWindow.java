package io.cairn.agent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one database can be restored to, from the repository's contents: for PostgreSQL with
 * archived WAL, continuous {@link Range ranges} (any instant inside one is a valid recovery
 * target); for everything else (and in addition), discrete {@link Point points} — base backups,
 * dumps, file backups.
 *
 * @param pointInTime  whether any range exists (point-in-time recovery is possible)
 * @param oldest       the earliest restorable instant, if anything is restorable
 * @param newest       the latest restorable instant
 * @param ranges       gap-free ranges, oldest first; more than one means WAL was lost in between
 * @param walArchivedTo the end of the archived WAL (an LSN), for PostgreSQL
 * @param error        why the window could not be computed, if it could not
 */
public record RestoreWindow(String db, String type, boolean pointInTime, Optional<Instant> oldest,
        Optional<Instant> newest, List<Range> ranges, List<Point> points, Optional<String> walArchivedTo,
        Optional<String> error) {

    /** Every instant from {@code from} to {@code until} can be restored. */
    public record Range(Instant from, Instant until) {
    }

    /** One restorable state: {@code kind} is pg-backup, dump or files; {@code label} e.g. "full 1a2b3c4d". */
    public record Point(Instant time, String kind, String label) {
    }
}
