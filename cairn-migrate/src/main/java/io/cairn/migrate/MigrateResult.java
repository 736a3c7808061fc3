package io.cairn.migrate;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/** The outcome of {@code migrate} on one database. */
public record MigrateResult(String database, String databaseType, Optional<String> initialVersion,
                            Optional<String> currentVersion, List<AppliedMigration> applied, long executionTimeMs) {
    public MigrateResult {
        applied = List.copyOf(applied);
    }

    @JsonProperty("migrationsApplied")
    public int migrationsApplied() {
        return applied.size();
    }
}
