package io.cairn.migrate;

import java.util.List;
import java.util.Optional;

/** What {@code migrate} would do on one database, without doing it (no lock, no change). */
public record DryRunResult(String database, String databaseType, Optional<String> currentVersion,
                           Optional<String> target, List<PlannedMigration> migrations) {
    public DryRunResult {
        migrations = List.copyOf(migrations);
    }
}
