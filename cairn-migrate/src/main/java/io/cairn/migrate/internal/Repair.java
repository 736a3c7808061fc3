package io.cairn.migrate.internal;

import io.cairn.migrate.MigrationVersion;
import io.cairn.migrate.RepairResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Re-aligns the history with the files after a deliberate change: removes failed entries,
 * takes the checksum and description of applied files that changed, and marks applied
 * versions whose file is gone as deleted (a DELETE row: the history keeps what happened).
 */
final class Repair {
    private Repair() {
    }

    static RepairResult run(Backend.Session session, ResolvedSet files, HistoryState state, String db,
                            String installedBy, Clock clock) {
        List<String> removed = new ArrayList<>();
        for (HistoryEntry entry : state.entries()) {
            if (!entry.success()) {
                session.delete(entry);
                removed.add(entry.script());
            }
        }
        HistoryState remaining = HistoryState.of(state.entries().stream().filter(HistoryEntry::success).toList());
        List<String> realigned = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        int rank = state.nextRank();
        Optional<MigrationVersion> latest = files.latestVersion();
        for (Map.Entry<MigrationVersion, HistoryEntry> applied : remaining.versions().entrySet()) {
            HistoryEntry entry = applied.getValue();
            Optional<ResolvedMigration> file = files.versioned(applied.getKey());
            if (file.isPresent()) {
                if (!file.get().checksum().equals(entry.checksum()) || !file.get().description().equals(entry.description())) {
                    session.update(new HistoryEntry(entry.rank(), entry.version(), file.get().description(), entry.type(),
                            entry.script(), file.get().checksum(), entry.installedBy(), entry.installedOn(),
                            entry.executionTimeMs(), true));
                    realigned.add(file.get().script());
                }
            } else if (latest.isEmpty() || applied.getKey().compareTo(latest.get()) < 0) {
                session.insert(new HistoryEntry(rank++, entry.version(), entry.description(), HistoryEntry.DELETE,
                        entry.script(), Optional.empty(), installedBy, clock.instant(), 0, true));
                deleted.add(entry.script());
            }
        }
        return new RepairResult(db, removed, realigned, deleted);
    }
}
