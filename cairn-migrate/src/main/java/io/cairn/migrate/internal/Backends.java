package io.cairn.migrate.internal;

import io.cairn.core.DataManager;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.migrate.MigrationSettings;
import io.cairn.migrate.internal.mongo.MongoBackend;
import io.cairn.migrate.internal.redis.RedisBackend;
import io.cairn.migrate.internal.sql.SqlBackend;
import io.cairn.core.Sleeper;
import java.time.Clock;

/** The backend for a database's type. */
public final class Backends {
    private Backends() {
    }

    public static Backend create(DataManager dataManager, DatabaseConfig database, MigrationSettings settings, Clock clock,
            Sleeper sleeper) {
        return switch (database.type()) {
            case POSTGRESQL, MARIADB, MYSQL -> new SqlBackend(dataManager, database.id(), database.type(), settings);
            case REDIS -> new RedisBackend(dataManager, database.id(), settings, clock, sleeper);
            case MONGODB -> new MongoBackend(dataManager, database.id(), settings, clock, sleeper);
        };
    }
}
