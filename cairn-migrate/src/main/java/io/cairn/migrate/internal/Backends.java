package io.cairn.migrate.internal;

import io.cairn.core.DataManager;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.migrate.MigrationSettings;
import io.cairn.migrate.internal.sql.SqlBackend;

/** The backend for a database's type. */
public final class Backends {
    private Backends() {
    }

    public static Backend create(DataManager dataManager, DatabaseConfig database, MigrationSettings settings) {
        return switch (database.type()) {
            case POSTGRESQL, MARIADB, MYSQL -> new SqlBackend(dataManager, database.id(), database.type(), settings);
            default -> throw new IllegalStateException("not yet");
        };
    }
}
