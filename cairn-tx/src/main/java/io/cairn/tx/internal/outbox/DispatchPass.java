package io.cairn.tx.internal.outbox;

import io.cairn.core.SqlDatabase;
import io.cairn.tx.DispatchResult;
import io.cairn.tx.OutboxHandler;
import io.cairn.tx.OutboxMessage;
import io.cairn.tx.OutboxSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dispatch pass over one database's outbox, in one READ COMMITTED transaction:
 * <ol>
 *   <li>read the due heads — the oldest undelivered message of each (topic, key) — with a plain read;</li>
 *   <li>lock those still pending with {@code FOR UPDATE SKIP LOCKED}; a head another dispatcher holds is
 *       skipped, and because it is still undelivered it keeps the next message of its key out of step 1
 *       of every other dispatcher: one key has at most one message in flight, in id order;</li>
 *   <li>for each, run the handler, then write its outcome (delivered / next attempt / parked);</li>
 *   <li>COMMIT.</li>
 * </ol>
 * Crash safety comes from that order: the mark is written only after the handler returned, and it
 * becomes durable only with the COMMIT, while the row lock keeps every other dispatcher off the
 * message. A process that dies anywhere before the COMMIT leaves its messages pending (the server
 * drops the locks with the connection) and they are delivered again: at least once, never lost.
 */
final class DispatchPass {
    private static final Logger LOG = LoggerFactory.getLogger(DispatchPass.class);

    private final String db;
    private final SqlDatabase database;
    private final OutboxTable table;
    private final OutboxSettings settings;
    private final Clock clock;
    private final OutboxMetrics metrics;

    DispatchPass(String db, SqlDatabase database, OutboxTable table, OutboxSettings settings, Clock clock,
            OutboxMetrics metrics) {
        this.db = db;
        this.database = database;
        this.table = table;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
    }

    DispatchResult run(OutboxHandler handler) {
        return database.withConnection(connection -> {
            boolean autoCommit = connection.getAutoCommit();
            int isolation = connection.getTransactionIsolation();
            try {
                connection.setAutoCommit(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                DispatchResult result = deliver(connection, claim(connection), handler);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(connection);
                throw e;
            } finally {
                restore(connection, autoCommit, isolation);
            }
        });
    }

    /** A claimed message and its row id. */
    private record Claimed(long id, OutboxMessage message) {
    }

    private List<Claimed> claim(Connection connection) throws SQLException {
        List<Long> heads = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(table.heads())) {
            statement.setLong(1, clock.millis());
            statement.setInt(2, settings.batchSize());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    heads.add(rows.getLong(1));
                }
            }
        }
        List<Claimed> claimed = new ArrayList<>();
        if (heads.isEmpty()) {
            return claimed;
        }
        try (PreparedStatement statement = connection.prepareStatement(table.claim(heads.size()))) {
            for (int i = 0; i < heads.size(); i++) {
                statement.setLong(i + 1, heads.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    claimed.add(new Claimed(rows.getLong(1), new OutboxMessage(rows.getString(2), db, rows.getString(3),
                            rows.getString(4), rows.getString(5), Instant.ofEpochMilli(rows.getLong(6)),
                            rows.getInt(7) + 1)));
                }
            }
        }
        return claimed;
    }

    private DispatchResult deliver(Connection connection, List<Claimed> claimed, OutboxHandler handler)
            throws SQLException {
        int delivered = 0;
        int failed = 0;
        List<String> parked = new ArrayList<>();
        for (Claimed next : claimed) {
            OutboxMessage message = next.message();
            Exception failure = null;
            try {
                handler.deliver(message);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = e;
            } catch (Exception e) {
                failure = e;
            }
            long now = clock.millis();
            if (failure == null) {
                update(connection, table.delivered(), now, next.id());
                metrics.delivered();
                delivered++;
            } else if (message.attempt() >= settings.maxAttempts()) {
                update(connection, table.parked(), now, describe(failure), next.id());
                metrics.parked();
                parked.add(message.messageId());
                LOG.warn("database '{}': outbox message {} (topic '{}', key '{}') parked after {} failed attempts, the last: {};"
                        + " later messages of its key wait until Outbox.retry or Outbox.discard", db, message.messageId(),
                        message.topic(), message.key(), message.attempt(), describe(failure));
            } else {
                long wait = settings.backoff().delay(message.attempt(), ThreadLocalRandom.current().nextDouble()).toMillis();
                update(connection, table.failed(), now + wait, describe(failure), next.id());
                metrics.failed();
                failed++;
                LOG.info("database '{}': outbox message {} (topic '{}', key '{}') attempt {} of {} failed, next in {} ms: {}",
                        db, message.messageId(), message.topic(), message.key(), message.attempt(), settings.maxAttempts(),
                        wait, describe(failure));
            }
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        return new DispatchResult(db, delivered, failed, parked);
    }

    private static void update(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.executeUpdate();
        }
    }

    /** One line, bounded: the failure's type and the first line of its message. */
    static String describe(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        int newline = message.indexOf('\n');
        String line = failure.getClass().getSimpleName() + ": " + (newline < 0 ? message : message.substring(0, newline));
        return line.length() <= OutboxTable.MAX_ERROR ? line : line.substring(0, OutboxTable.MAX_ERROR);
    }

    /** The connection goes back to the pool as it came; one that cannot be reset is closed under the pool. */
    private void restore(Connection connection, boolean autoCommit, int isolation) {
        try {
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            LOG.debug("database '{}': could not reset the outbox connection ({}); the pool drops it", db, e.toString());
            try {
                connection.abort(Runnable::run);
            } catch (SQLException | RuntimeException ignored) {
                // already gone
            }
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("outbox rollback failed: {}", e.toString());
        }
    }
}
