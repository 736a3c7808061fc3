package io.cairn.migrate;

import java.util.List;

/** The files {@code new} created. */
public record NewMigrationResult(String database, String version, List<String> files) {
    public NewMigrationResult {
        files = List.copyOf(files);
    }
}
