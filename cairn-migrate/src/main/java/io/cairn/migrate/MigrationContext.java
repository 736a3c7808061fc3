package io.cairn.migrate;

import io.cairn.core.DataManager;
import io.cairn.core.config.DatabaseType;
import java.sql.Connection;
import java.util.Optional;

/**
 * What a {@link JavaMigration} works with.
 *
 * @param database    the database id
 * @param type        the database type
 * @param dataManager the DataManager, for native commands ({@code queryDatabase}) and driver objects ({@code unwrap})
 * @param connection  on SQL databases, the migration's connection (in its transaction where there is one); do not close it
 */
public record MigrationContext(String database, DatabaseType type, DataManager dataManager,
                               Optional<Connection> connection) {
}
