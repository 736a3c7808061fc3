package io.cairn.tx.internal.xa;

import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.SqlDatabase;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.failure.JdbcFailures;
import io.cairn.core.jdbc.DedicatedConnections;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The databases that can take part in two-phase commit (PostgreSQL, MariaDB, MySQL), their branch
 * statements, and connections: pooled ones for a transaction's work, dedicated new ones for
 * recovery and for checking a branch after a failure (never a pooled connection that may be the
 * broken one).
 */
final class Participants {
    private static final String APPLICATION = "cairn-tx-recovery";
    private final DataManager databases;
    private final Set<String> ready = ConcurrentHashMap.newKeySet();

    Participants(DataManager databases) {
        this.databases = databases;
    }

    /** Every configured database that can hold prepared branches, in configuration order. */
    List<String> capable() {
        return databases.config().databases().values().stream().filter(Participants::isCapable)
                .map(DatabaseConfig::id).collect(Collectors.toList());
    }

    /** Checks {@code dbs} may form a distributed transaction: two or more distinct SQL databases. */
    void requireParticipants(List<String> dbs) {
        if (dbs.size() < 2 || Set.copyOf(dbs).size() != dbs.size()) {
            throw new CairnException(ErrorCode.USAGE, "a distributed transaction needs two or more distinct databases, "
                    + "got " + dbs + " (for one database use inTransaction)");
        }
        for (String db : dbs) {
            DatabaseConfig config = databases.config().database(db);
            if (!isCapable(config)) {
                throw new CairnException(ErrorCode.USAGE, "database '" + db + "' is a " + config.type() + " database and "
                        + "cannot take part in two-phase commit (only PostgreSQL, MariaDB and MySQL can; for Redis or "
                        + "MongoDB write an outbox row in the SQL transaction, see docs/transactions.md)");
            }
            Gid.requireBranchable(db);
        }
    }

    Branches branches(String db) {
        return switch (databases.config().database(db).type()) {
            case POSTGRESQL -> new PostgresBranches();
            default -> new MariaDbBranches();
        };
    }

    SqlDatabase sql(String db) {
        return databases.adapter(db).sql().orElseThrow();
    }

    JdbcFailures failures(String db) {
        return JdbcFailures.of(databases.config().database(db));
    }

    /** A pooled connection for a branch's work; the first one per database checks the server can prepare. */
    Connection pooled(String db) {
        Connection connection;
        try {
            connection = databases.dataSource(db).getConnection();
        } catch (SQLException e) {
            throw failures(db).connecting(e).toException();
        }
        if (!ready.contains(db)) {
            try {
                branches(db).requireReady(db, connection);
                ready.add(db);
            } catch (SQLException e) {
                closeQuietly(connection);
                throw failures(db).running(e).toException();
            } catch (RuntimeException e) {
                closeQuietly(connection);
                throw e;
            }
        }
        return connection;
    }

    /** A new connection outside the pool; the SQLException is the caller's to classify. */
    Connection dedicated(String db) throws SQLException {
        return DedicatedConnections.connect(databases.config().database(db), APPLICATION, new Properties());
    }

    static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException | RuntimeException ignored) {
            // a broken connection: the pool drops it
        }
    }

    private static boolean isCapable(DatabaseConfig config) {
        return switch (config.type()) {
            case POSTGRESQL, MARIADB, MYSQL -> true;
            default -> false;
        };
    }
}
