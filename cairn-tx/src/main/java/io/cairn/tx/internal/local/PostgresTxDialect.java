package io.cairn.tx.internal.local;

import io.cairn.core.CairnException;
import io.cairn.core.Sleeper;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.failure.JdbcFailures;
import io.cairn.core.jdbc.DedicatedConnections;
import io.cairn.core.retry.Backoff;
import io.cairn.core.retry.Retry;
import io.cairn.tx.TxOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * PostgreSQL: everything is transaction-scoped ({@code SET TRANSACTION}, {@code SET LOCAL}), so
 * COMMIT or ROLLBACK itself puts the session back as it was and nothing needs restoring. A lost
 * COMMIT is resolved with {@code txid_status} of the id read just before COMMIT.
 *
 * <p>{@code txid_current_if_assigned()}/{@code txid_status()} rather than the PG 13+
 * {@code pg_current_xact_id*} names: they exist on every version Cairn supports and still in 17;
 * "if assigned" so that a transaction that wrote nothing does not burn an id just for this.
 */
final class PostgresTxDialect implements TxDialect {
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK = "40P01";
    private static final String QUERY_CANCELED = "57014";
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    /** How often the resolver asks while the old transaction is still "in progress". */
    private static final int STATUS_CHECKS = 10;

    private final DatabaseConfig config;
    private final Clock clock;
    private final Sleeper sleeper;

    PostgresTxDialect(DatabaseConfig config, Clock clock, Sleeper sleeper) {
        this.config = config;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public SessionRestore prepareSession(Connection connection, TxOptions options, Optional<Duration> statementTimeout) {
        return SessionRestore.NOTHING;
    }

    @Override
    public void begin(Connection connection, TxOptions options, Optional<Duration> statementTimeout) throws SQLException {
        List<String> setup = new ArrayList<>();
        setup.add("SET TRANSACTION ISOLATION LEVEL " + TxDialect.sql(options.isolation())
                + (options.isReadOnly() ? ", READ ONLY" : ", READ WRITE"));
        statementTimeout.ifPresent(d -> setup.add("SET LOCAL statement_timeout = " + Math.max(1, d.toMillis())));
        options.lockTimeout().ifPresent(d -> setup.add("SET LOCAL lock_timeout = " + Math.max(1, d.toMillis())));
        try (Statement statement = connection.createStatement()) {
            // one round trip; pgjdbc sends BEGIN first because auto-commit is off
            statement.execute(String.join("; ", setup));
        }
    }

    @Override
    public Optional<Retryable> retryable(SQLException failure, TxOptions options) {
        String state = failure.getSQLState();
        if (SERIALIZATION_FAILURE.equals(state)) {
            return Optional.of(new Retryable("serialization failure (SQLState 40001)"));
        }
        if (DEADLOCK.equals(state)) {
            return Optional.of(new Retryable("deadlock (SQLState 40P01)"));
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> timeout(SQLException failure) {
        String state = failure.getSQLState();
        if (QUERY_CANCELED.equals(state) && String.valueOf(failure.getMessage()).contains("statement timeout")) {
            return Optional.of("statement timeout");
        }
        if (LOCK_NOT_AVAILABLE.equals(state) && String.valueOf(failure.getMessage()).contains("lock timeout")) {
            return Optional.of("lock timeout");
        }
        return Optional.empty();
    }

    @Override
    public CommitMarker beforeCommit(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT txid_current_if_assigned(), pg_backend_pid()")) {
            row.next();
            long txid = row.getLong(1);
            Optional<Long> id = row.wasNull() ? Optional.empty() : Optional.of(txid);
            return new CommitMarker(id, Optional.of(row.getInt(2)));
        }
    }

    @Override
    public CommitOutcome resolve(CommitMarker marker) {
        if (marker.transactionId().isEmpty()) {
            return CommitOutcome.aborted("the transaction had written nothing (PostgreSQL had assigned it no "
                    + "transaction id), so nothing of it can have been applied");
        }
        long txid = marker.transactionId().get();
        Retry reconnect = Retry.builder("database '" + config.id() + "'").attempts(5)
                .backoff(Backoff.doubling(Duration.ofMillis(50), Duration.ofSeconds(1))).clock(clock).sleeper(sleeper).build();
        try (Connection connection = reconnect.call(
                () -> DedicatedConnections.connect(config, "cairn-tx-resolve", new Properties()),
                JdbcFailures.of(config)::connecting)) {
            return ask(connection, txid, marker.backendPid());
        } catch (CairnException e) {
            return CommitOutcome.unknown("could not reconnect to ask: " + e.getMessage());
        } catch (SQLException e) {
            return CommitOutcome.unknown("txid_status(" + txid + ") failed: " + JdbcFailures.of(config).serverMessage(e));
        }
    }

    private CommitOutcome ask(Connection connection, long txid, Optional<Integer> pid) {
        Retry poll = Retry.builder("database '" + config.id() + "'").attempts(STATUS_CHECKS)
                .backoff(Backoff.doubling(Duration.ofMillis(10), Duration.ofMillis(500))).clock(clock).sleeper(sleeper).build();
        String[] last = {"in progress"};
        boolean[] terminated = {false};
        Optional<CommitOutcome> outcome = poll.poll(() -> {
            try {
                String status = status(connection, txid);
                last[0] = String.valueOf(status);
                if (status == null) {
                    return Optional.of(CommitOutcome.unknown("txid_status(" + txid + ") is NULL: the transaction is "
                            + "too old for the server to remember"));
                }
                if (status.equals("committed")) {
                    return Optional.of(CommitOutcome.committed("txid_status(" + txid + ") = committed"));
                }
                if (status.equals("aborted")) {
                    return Optional.of(CommitOutcome.aborted("txid_status(" + txid + ") = aborted"));
                }
                if (!terminated[0] && pid.isPresent()) {
                    // the old server process has not noticed the lost connection yet; ending it
                    // settles the transaction (a commit already under way completes first)
                    terminated[0] = true;
                    terminate(connection, pid.get(), txid);
                }
                return Optional.empty();
            } catch (SQLException e) {
                return Optional.of(CommitOutcome.unknown("txid_status(" + txid + ") failed: "
                        + JdbcFailures.of(config).serverMessage(e)));
            }
        });
        return outcome.orElse(CommitOutcome.unknown("txid_status(" + txid + ") still says '" + last[0] + "' after "
                + STATUS_CHECKS + " checks"));
    }

    private static String status(Connection connection, long txid) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT txid_status(?)")) {
            statement.setLong(1, txid);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    /** Ends the old server process only while it still runs this very transaction (a pid can be reused). */
    private static void terminate(Connection connection, int pid, long txid) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_terminate_backend(pid) "
                + "FROM pg_stat_activity WHERE pid = ? AND backend_xid::text::bigint = ? % 4294967296")) {
            statement.setInt(1, pid);
            statement.setLong(2, txid);
            statement.execute();
        } catch (SQLException e) {
            // lacking the privilege only makes the wait longer
            if (!"42501".equals(e.getSQLState())) {
                throw e;
            }
        }
    }
}
