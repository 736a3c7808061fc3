package io.cairn.migrate;

import java.util.List;
import java.util.Optional;

/** The outcome of {@code undo}: the migrations reversed, newest first. */
public record UndoResult(String database, Optional<String> initialVersion, Optional<String> currentVersion,
                         List<AppliedMigration> undone, long executionTimeMs) {
    public UndoResult {
        undone = List.copyOf(undone);
    }
}
