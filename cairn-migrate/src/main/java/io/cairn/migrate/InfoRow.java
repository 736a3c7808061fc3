package io.cairn.migrate;

import java.time.Instant;
import java.util.Optional;

/**
 * One line of {@code info}.
 *
 * @param category     "versioned", "repeatable" or "baseline"
 * @param checksum     the checksum in the history, if applied
 * @param fileChecksum the checksum of the file now, if there is a file
 */
public record InfoRow(String category, Optional<String> version, String description, String type, String script,
                      MigrationState state, Optional<Instant> installedOn, Optional<String> installedBy,
                      Optional<Long> executionTimeMs, Optional<Integer> checksum, Optional<Integer> fileChecksum) {
}
