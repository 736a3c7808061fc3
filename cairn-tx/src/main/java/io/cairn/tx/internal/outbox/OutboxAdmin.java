package io.cairn.tx.internal.outbox;

import io.cairn.core.SqlDatabase;
import io.cairn.tx.OutboxStatus;
import io.cairn.tx.ParkedMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and operator actions on one outbox table: status, parked messages, retry, discard, purge.
 * Each is one auto-committed statement; retry and discard touch a row only while it is still parked
 * and undelivered, so they cannot undo a delivery or race a dispatcher (parked rows are never claimed).
 */
final class OutboxAdmin {
    private final String db;
    private final SqlDatabase database;
    private final OutboxTable table;
    private final Clock clock;

    OutboxAdmin(String db, SqlDatabase database, OutboxTable table, Clock clock) {
        this.db = db;
        this.database = database;
        this.table = table;
        this.clock = clock;
    }

    OutboxStatus status() {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(table.status());
                 ResultSet rows = statement.executeQuery()) {
                rows.next();
                long pending = rows.getLong(1);
                long parked = rows.getLong(2);
                long oldest = rows.getLong(3);
                Optional<Duration> age = rows.wasNull() ? Optional.empty()
                        : Optional.of(Duration.ofMillis(Math.max(0, clock.millis() - oldest)));
                return new OutboxStatus(db, pending, parked, age);
            }
        });
    }

    List<ParkedMessage> parked() {
        return database.withConnection(connection -> {
            List<ParkedMessage> parked = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(table.listParked());
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    parked.add(new ParkedMessage(rows.getString(1), rows.getString(2), rows.getString(3), rows.getInt(4),
                            Instant.ofEpochMilli(rows.getLong(5)), String.valueOf(rows.getString(6))));
                }
            }
            return parked;
        });
    }

    boolean retry(String messageId) {
        return update(table.retry(), clock.millis(), messageId) > 0;
    }

    boolean discard(String messageId) {
        return update(table.discard(), clock.millis(), messageId) > 0;
    }

    long purge(Duration retention) {
        return update(table.purge(), clock.millis() - retention.toMillis());
    }

    private long update(String sql, Object... params) {
        return database.withConnection(connection -> execute(connection, sql, params));
    }

    private static long execute(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement.executeUpdate();
        }
    }
}
