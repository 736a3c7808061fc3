package io.cairn.events.internal;

import io.cairn.core.DataManager;
import io.cairn.events.EventStats;
import io.cairn.events.Position;
import io.cairn.events.StreamSummary;
import io.cairn.events.StreamsReport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The read-only questions operators ask of one event store: its streams and its counts by type. */
final class EventInspector {
    private final String db;
    private final DataManager databases;
    private final GlobalOrder order;

    EventInspector(String db, DataManager databases, GlobalOrder order) {
        this.db = db;
        this.databases = databases;
        this.order = order;
    }

    StreamsReport streams(int limit) {
        return databases.withConnection(db, connection -> {
            long total = count(connection, "SELECT count(*) FROM cairn_event_streams");
            List<StreamSummary> newest = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT stream_id, version, updated_at "
                    + "FROM cairn_event_streams ORDER BY updated_at DESC, stream_id LIMIT ?")) {
                select.setInt(1, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        newest.add(new StreamSummary(rows.getString(1), rows.getLong(2), rows.getTimestamp(3).toInstant()));
                    }
                }
            }
            return new StreamsReport(db, total, newest);
        });
    }

    EventStats stats() {
        return databases.withConnection(db, connection -> {
            List<EventStats.TypeCount> types = new ArrayList<>();
            long total = 0;
            try (PreparedStatement select = connection.prepareStatement("SELECT event_type, count(*) FROM cairn_events "
                    + "GROUP BY event_type ORDER BY count(*) DESC, event_type"); ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    types.add(new EventStats.TypeCount(rows.getString(1), rows.getLong(2)));
                    total += rows.getLong(2);
                }
            }
            long streams = count(connection, "SELECT count(*) FROM cairn_event_streams");
            Optional<Position> head = order.head(connection);
            Optional<java.time.Instant> newestAt = Optional.empty();
            if (head.isPresent()) {
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT recorded_at FROM cairn_events WHERE seq = ?")) {
                    select.setLong(1, head.get().sequence());
                    try (ResultSet row = select.executeQuery()) {
                        newestAt = row.next() ? Optional.of(row.getTimestamp(1)).map(Timestamp::toInstant) : Optional.empty();
                    }
                }
            }
            return new EventStats(db, total, streams, types, head, newestAt);
        });
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
