package io.cairn.migrate.internal.sql;

import com.zaxxer.hikari.HikariDataSource;
import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseType;
import io.cairn.migrate.MigrationSettings;
import io.cairn.migrate.PlannedStatement;
import io.cairn.migrate.internal.Backend;
import io.cairn.migrate.internal.Failures;
import io.cairn.migrate.internal.JavaCall;
import io.cairn.migrate.internal.ResolvedMigration;
import io.cairn.migrate.internal.Step;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Migrations on PostgreSQL and MariaDB/MySQL. Each session borrows one connection from the
 * database's pool for its whole life (the lock is a property of that session), runs without a
 * network timeout (a migration may legitimately run for an hour), and evicts the connection
 * from the pool afterwards so no session state a migration set (search_path, SQL mode, the
 * lock) reaches the application.
 */
public final class SqlBackend implements Backend {
    /** First-line marker for files whose statements cannot run in a transaction (CREATE INDEX CONCURRENTLY). */
    static final Pattern NO_TRANSACTION = Pattern.compile("(?m)\\A(?:\\s*\\R)*[ \\t]*--[ \\t]*cairn:no-transaction\\b");

    private final DataManager dataManager;
    private final String db;
    private final DatabaseType type;
    private final MigrationSettings settings;
    private final SqlDialect dialect;

    public SqlBackend(DataManager dataManager, String db, DatabaseType type, MigrationSettings settings) {
        this.dataManager = dataManager;
        this.db = db;
        this.type = type;
        this.settings = settings;
        this.dialect = type == DatabaseType.POSTGRESQL ? SqlDialect.POSTGRES : SqlDialect.MARIADB;
    }

    @Override
    public List<Step> steps(ResolvedMigration migration, boolean undo) {
        if (migration.java().isPresent()) {
            JavaCall call = new JavaCall(migration.java().get(), undo);
            return List.of(new Step(new PlannedStatement(0, call.describe()), call));
        }
        List<Step> steps = new ArrayList<>();
        for (SqlStatement statement : SqlSplitter.split(migration.content().orElseThrow(), dialect)) {
            steps.add(new Step(new PlannedStatement(statement.line(), statement.text()), statement.text()));
        }
        return steps;
    }

    @Override
    public boolean transactional(ResolvedMigration migration) {
        return migration.content().map(text -> !NO_TRANSACTION.matcher(text).find()).orElse(true);
    }

    /** True when a failed transactional migration leaves no trace (PostgreSQL rolls DDL back). */
    boolean transactionalDdl() {
        return dialect == SqlDialect.POSTGRES;
    }

    @Override
    public Session open(boolean lock) {
        // a first connection through the DataManager: its retries and its messages for a server that is down
        dataManager.withConnection(db, connection -> connection.isValid(0));
        Connection connection;
        try {
            connection = dataManager.dataSource(db).getConnection();
        } catch (SQLException e) {
            throw new CairnException(ErrorCode.CONNECTION_FAILED, "database '" + db + "': cannot open a connection for migrations: "
                    + Failures.reason(e), e);
        }
        SqlHistory history = new SqlHistory(settings.table(), dialect);
        SqlLock sqlLock = new SqlLock(db, settings.table(), dialect);
        try {
            connection.setNetworkTimeout(Runnable::run, 0);
            connection.setAutoCommit(true);
            if (lock) {
                sqlLock.acquire(connection, settings.lockTimeout());
            }
        } catch (SQLException | RuntimeException e) {
            discard(connection);
            if (e instanceof CairnException cairn) {
                throw cairn;
            }
            throw new CairnException(ErrorCode.DATABASE_ERROR, "database '" + db + "': cannot take the migration lock: "
                    + Failures.reason(e), e);
        }
        return new SqlSession(this, connection, history, lock ? Optional.of(sqlLock) : Optional.empty());
    }

    String db() {
        return db;
    }

    DatabaseType type() {
        return type;
    }

    DataManager dataManager() {
        return dataManager;
    }

    /** Closes the connection for good rather than returning it to the pool. */
    void discard(Connection connection) {
        try {
            Optional<HikariDataSource> pool = dataManager.adapter(db).unwrap(HikariDataSource.class);
            if (pool.isPresent()) {
                pool.get().evictConnection(connection);
            } else {
                connection.close();
            }
        } catch (SQLException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(SqlBackend.class).warn("database '{}': closing the migration connection failed: {}",
                    db, e.toString());
        }
    }
}
