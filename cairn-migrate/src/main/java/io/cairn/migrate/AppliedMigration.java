package io.cairn.migrate;

import java.util.Optional;

/** One migration that ran (forward or undo). */
public record AppliedMigration(Optional<String> version, String description, String type, String script,
                               int statements, long executionTimeMs) {
}
