package io.cairn.migrate;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/** Every migration of one database, from the history and the files, in the order they apply. */
public record InfoResult(String database, String databaseType, Optional<String> currentVersion,
                         List<InfoRow> migrations) {
    public InfoResult {
        migrations = List.copyOf(migrations);
    }

    @JsonProperty("applied")
    public long applied() {
        return count(MigrationState.APPLIED);
    }

    @JsonProperty("pending")
    public long pending() {
        return count(MigrationState.PENDING) + count(MigrationState.OUTDATED);
    }

    @JsonProperty("failed")
    public long failed() {
        return count(MigrationState.FAILED);
    }

    @JsonProperty("drift")
    public long drift() {
        return count(MigrationState.DRIFT) + count(MigrationState.MISSING);
    }

    private long count(MigrationState state) {
        return migrations.stream().filter(row -> row.state() == state).count();
    }
}
