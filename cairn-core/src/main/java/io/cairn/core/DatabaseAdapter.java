package io.cairn.core;

import io.cairn.core.config.DatabaseConfig;
import java.util.Optional;

/**
 * Connectivity to one configured database: health, pool usage, native commands and the
 * driver objects later capabilities build on. One implementation per database kind lives in
 * {@code io.cairn.core.internal.<database>}. Implementations are thread-safe.
 */
public interface DatabaseAdapter extends AutoCloseable {

    DatabaseConfig config();

    /** One health check. Never throws; a failure is a DOWN result. May block up to the connect timeout. */
    DatabaseHealth health();

    PoolUsage poolUsage();

    /**
     * A native command: SQL (as {@link SqlDatabase#query}) for SQL databases, a Redis command
     * with arguments, or a MongoDB command document / verb (see docs/databases.md).
     */
    Object command(String command, Object... args);

    /** SQL access, for SQL databases only. */
    Optional<SqlDatabase> sql();

    /**
     * The driver object of the given type, e.g. {@code javax.sql.DataSource},
     * {@code com.zaxxer.hikari.HikariDataSource}, {@code com.mongodb.client.MongoClient},
     * {@code com.mongodb.client.MongoDatabase}, {@code io.lettuce.core.RedisClient} or
     * {@code io.lettuce.core.api.StatefulRedisConnection}.
     */
    <T> Optional<T> unwrap(Class<T> type);

    /** Releases every connection, pool and thread. Idempotent. */
    @Override
    void close();
}
