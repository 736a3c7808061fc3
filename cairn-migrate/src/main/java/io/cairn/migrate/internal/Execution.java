package io.cairn.migrate.internal;

import io.cairn.migrate.MigrationListener;
import java.util.List;

/**
 * One migration to run and the history row that records it.
 *
 * @param entry         the row to write (success set by the backend from the outcome)
 * @param transactional run the steps and the row in one transaction, where the database allows
 * @param undoHint      what the failure message suggests when changes may remain
 */
public record Execution(ResolvedMigration migration, List<Step> steps, HistoryEntry entry, boolean transactional,
                        MigrationListener listener, String undoHint) {
}
