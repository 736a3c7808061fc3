package io.cairn.events.internal;

import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.jdbc.DedicatedConnections;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ownership of one projection: a session-level advisory lock held on a connection of its own, which
 * also LISTENs for append wake-ups. When the owning JVM dies (kill -9) its connection closes and the
 * server releases the lock, so a standby takes over on its next round. Losing the connection while
 * alive ends ownership here too; a batch still running elsewhere is fenced by the checkpoint row lock
 * (see {@link ProjectionBatch}). Used by one thread.
 */
final class ProjectionLease implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectionLease.class);

    private final String db;
    private final String name;
    private final DatabaseConfig config;
    private Connection connection;
    private boolean owned;

    ProjectionLease(String db, String name, DatabaseConfig config) {
        this.db = db;
        this.name = name;
        this.config = config;
    }

    /** True when this JVM owns the projection (taking it if free). */
    boolean acquire() {
        try {
            if (connection == null) {
                connection = DedicatedConnections.open(config, "cairn-projection-" + name);
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + PostgresEventStore.CHANNEL);
                }
            }
            if (owned) {
                return true;
            }
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
                lock.setInt(1, ProjectionCatalog.LOCK_CLASS);
                lock.setInt(2, ProjectionCatalog.lockKey(name));
                try (ResultSet row = lock.executeQuery()) {
                    row.next();
                    owned = row.getBoolean(1);
                }
            }
            if (owned) {
                LOG.info("database '{}': this JVM now owns projection '{}'", db, name);
            }
            return owned;
        } catch (SQLException | RuntimeException e) {
            LOG.warn("database '{}': projection '{}': its lease connection failed ({}); ownership given up", db, name,
                    e.toString());
            close();
            return false;
        }
    }

    /** Waits up to {@code timeout} for an append wake-up; false when it could not wait (no connection). */
    boolean await(Duration timeout) {
        if (connection == null) {
            return false;
        }
        try {
            PGConnection pg = connection.unwrap(PGConnection.class);
            pg.getNotifications((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            if (owned && !connection.isValid(5)) {
                throw new SQLException("lease connection is not valid");
            }
            return true;
        } catch (SQLException e) {
            LOG.warn("database '{}': projection '{}': lease connection lost ({}); ownership given up", db, name, e.toString());
            close();
            return false;
        }
    }

    boolean owned() {
        return owned;
    }

    @Override
    public void close() {
        owned = false;
        if (connection != null) {
            try {
                connection.close(); // the server releases the advisory lock with the session
            } catch (SQLException e) {
                LOG.debug("closing the lease connection of '{}': {}", name, e.toString());
            }
            connection = null;
        }
    }
}
