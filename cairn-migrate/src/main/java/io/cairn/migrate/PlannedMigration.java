package io.cairn.migrate;

import java.util.List;
import java.util.Optional;

/**
 * A migration that would run, with exactly the statements that would be sent, in order.
 *
 * @param transactional true when the whole file runs in one transaction with its history row
 */
public record PlannedMigration(Optional<String> version, String description, String type, String script,
                               boolean transactional, List<PlannedStatement> statements) {
    public PlannedMigration {
        statements = List.copyOf(statements);
    }
}
