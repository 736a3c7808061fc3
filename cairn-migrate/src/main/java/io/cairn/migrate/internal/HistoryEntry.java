package io.cairn.migrate.internal;

import java.time.Instant;
import java.util.Optional;

/**
 * One row of a database's migration history. Rows are only appended, except that repair
 * deletes failed rows and re-aligns checksums; the current state is derived by {@link HistoryState}.
 *
 * @param rank the order of installation, 1-based, unique
 * @param type SQL, REDIS, MONGO, JAVA for forward runs; UNDO_&lt;type&gt; for undos; BASELINE; DELETE (repair's marker for a vanished file)
 */
public record HistoryEntry(int rank, Optional<String> version, String description, String type, String script,
                           Optional<Integer> checksum, String installedBy, Instant installedOn, long executionTimeMs,
                           boolean success) {

    public static final String BASELINE = "BASELINE";
    public static final String DELETE = "DELETE";
    public static final String UNDO_PREFIX = "UNDO_";

    public boolean isUndo() {
        return type.startsWith(UNDO_PREFIX);
    }

    public boolean isForward() {
        return !isUndo() && !type.equals(BASELINE) && !type.equals(DELETE);
    }

    public HistoryEntry withRank(int newRank) {
        return new HistoryEntry(newRank, version, description, type, script, checksum, installedBy, installedOn,
                executionTimeMs, success);
    }

    public HistoryEntry withOutcome(long newExecutionTimeMs, boolean newSuccess) {
        return new HistoryEntry(rank, version, description, type, script, checksum, installedBy, installedOn,
                newExecutionTimeMs, newSuccess);
    }
}
