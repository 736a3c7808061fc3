package io.cairn.core.internal;

import io.cairn.core.DatabaseAdapter;
import io.cairn.core.internal.jdbc.JdbcAdapter;
import io.cairn.core.internal.mariadb.MariaDbDialect;
import io.cairn.core.internal.mongodb.MongoAdapter;
import io.cairn.core.internal.postgres.PostgresDialect;
import io.cairn.core.internal.redis.RedisAdapter;
import io.cairn.core.internal.redis.RedisClusterAdapter;

/** Picks the adapter for a database type; the one place that knows every implementation. */
public final class Adapters {
    private Adapters() {
    }

    public static DatabaseAdapter open(AdapterContext context) {
        switch (context.config().type()) {
            case POSTGRESQL:
                return new JdbcAdapter(context, new PostgresDialect());
            case MARIADB:
            case MYSQL:
                return new JdbcAdapter(context, new MariaDbDialect());
            case REDIS:
                return context.config().isRedisCluster() ? new RedisClusterAdapter(context) : new RedisAdapter(context);
            case MONGODB:
                return new MongoAdapter(context);
            default:
                throw new IllegalStateException("no adapter for " + context.config().type());
        }
    }
}
