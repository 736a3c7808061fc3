package io.cairn.events.internal;

import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.events.AppendResult;
import io.cairn.events.EventMetadata;
import io.cairn.events.EventStore;
import io.cairn.events.EventTypes;
import io.cairn.events.ExpectedVersion;
import io.cairn.events.Position;
import io.cairn.events.RecordedEvent;
import io.cairn.tx.Transactions;
import io.cairn.tx.Tx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The event store of one PostgreSQL database. An append first moves the stream's version row
 * (the optimistic-concurrency check: a conditional UPDATE or INSERT … ON CONFLICT, so of K writers at
 * one expected version the first to lock the row wins and the others, once it commits, match no row),
 * then inserts the events, then NOTIFYs; all in the caller's transaction, so nothing is visible
 * before it commits and a rollback leaves no trace. The unique (stream, version) key backs the
 * check up.
 */
public final class PostgresEventStore implements EventStore {
    private static final String INSERT = "INSERT INTO cairn_events (event_id, stream_id, version, event_type, "
            + "schema_version, payload, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?) RETURNING tx_id, seq";
    public static final String CHANNEL = "cairn_events";

    private final String db;
    private final DataManager databases;
    private final Transactions transactions;
    private final EventCodec codec;
    private final GlobalOrder order;
    private final EventRows rows;
    private final Clock clock;
    private final boolean notify;

    public PostgresEventStore(String db, DataManager databases, Transactions transactions, EventCodec codec, Clock clock,
            boolean notify) {
        this.db = db;
        this.databases = databases;
        this.transactions = transactions;
        this.codec = codec;
        this.rows = new EventRows(codec);
        this.order = new GlobalOrder(rows);
        this.clock = clock;
        this.notify = notify;
    }

    @Override
    public String db() {
        return db;
    }

    @Override
    public AppendResult append(String stream, ExpectedVersion expected, List<?> events) {
        return append(stream, expected, events, EventMetadata.none());
    }

    @Override
    public AppendResult append(String stream, ExpectedVersion expected, List<?> events, EventMetadata metadata) {
        return transactions.inTransaction(db, tx -> append(tx, stream, expected, events, metadata));
    }

    @Override
    public AppendResult append(Tx tx, String stream, ExpectedVersion expected, List<?> events, EventMetadata metadata) {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(metadata, "metadata");
        if (!tx.db().equals(db)) {
            throw new CairnException(ErrorCode.USAGE, "the event store of database '" + db + "' cannot append in a "
                    + "transaction on '" + tx.db() + "'; use cairn.events().store(\"" + tx.db() + "\")");
        }
        if (stream.isEmpty() || stream.length() > 500) {
            throw new IllegalArgumentException("a stream id is 1-500 characters, got " + stream.length());
        }
        if (events.isEmpty()) {
            throw new IllegalArgumentException("stream '" + stream + "': append at least one event");
        }
        try {
            Connection connection = tx.connection();
            Timestamp now = Timestamp.from(clock.instant());
            long to = moveVersion(connection, stream, expected, events.size(), now);
            long from = to - events.size() + 1;
            String meta = codec.writeMetadata(metadata);
            Position last = Position.START;
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                long version = from;
                for (Object event : events) {
                    EventTypes.Type type = codec.types().typeOf(event.getClass());
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, stream);
                    insert.setLong(3, version++);
                    insert.setString(4, type.name());
                    insert.setInt(5, type.version());
                    insert.setString(6, codec.write(event));
                    insert.setString(7, meta);
                    insert.setTimestamp(8, now);
                    try (ResultSet row = insert.executeQuery()) {
                        row.next();
                        last = new Position(row.getLong(1), row.getLong(2));
                    }
                }
            }
            if (notify) {
                try (PreparedStatement wake = connection.prepareStatement("SELECT pg_notify('" + CHANNEL + "', '')")) {
                    wake.execute();
                }
            }
            return new AppendResult(stream, from, to, last);
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) { // the unique (stream, version) key: a racing writer got there first
                throw new io.cairn.events.WrongExpectedVersionException(db, stream, expected);
            }
            throw new CairnException(ErrorCode.DATABASE_ERROR, "database '" + db + "': appending to stream '" + stream
                    + "' failed: " + e.getMessage(), e);
        }
    }

    /** Moves the stream's version by {@code count} if it is at {@code expected}; returns the new version. */
    private long moveVersion(Connection connection, String stream, ExpectedVersion expected, int count, Timestamp now)
            throws SQLException {
        switch (expected.kind()) {
            case EXACT -> {
                try (PreparedStatement update = connection.prepareStatement("UPDATE cairn_event_streams SET version = ?, "
                        + "updated_at = ? WHERE stream_id = ? AND version = ?")) {
                    update.setLong(1, expected.version() + count);
                    update.setTimestamp(2, now);
                    update.setString(3, stream);
                    update.setLong(4, expected.version());
                    if (update.executeUpdate() != 1) {
                        throw new io.cairn.events.WrongExpectedVersionException(db, stream, expected);
                    }
                    return expected.version() + count;
                }
            }
            case NO_STREAM -> {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO cairn_event_streams (stream_id, "
                        + "version, updated_at) VALUES (?, ?, ?) ON CONFLICT (stream_id) DO NOTHING")) {
                    insert.setString(1, stream);
                    insert.setLong(2, count);
                    insert.setTimestamp(3, now);
                    if (insert.executeUpdate() != 1) {
                        throw new io.cairn.events.WrongExpectedVersionException(db, stream, expected);
                    }
                    return count;
                }
            }
            default -> {
                try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO cairn_event_streams AS s (stream_id, "
                        + "version, updated_at) VALUES (?, ?, ?) ON CONFLICT (stream_id) DO UPDATE SET version = s.version + ?, "
                        + "updated_at = excluded.updated_at RETURNING version")) {
                    upsert.setString(1, stream);
                    upsert.setLong(2, count);
                    upsert.setTimestamp(3, now);
                    upsert.setLong(4, count);
                    try (ResultSet row = upsert.executeQuery()) {
                        row.next();
                        return row.getLong(1);
                    }
                }
            }
        }
    }

    @Override
    public List<RecordedEvent> readStream(String stream, long afterVersion) {
        return databases.withConnection(db, connection -> readStream(connection, stream, afterVersion));
    }

    /** The events of {@code stream} after {@code afterVersion}, on the caller's connection. */
    public List<RecordedEvent> readStream(Connection connection, String stream, long afterVersion) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + GlobalOrder.COLUMNS + " FROM cairn_events "
                + "WHERE stream_id = ? AND version > ? ORDER BY version")) {
            select.setString(1, stream);
            select.setLong(2, afterVersion);
            List<RecordedEvent> events = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    events.add(rows.map(result, db));
                }
            }
            return events;
        }
    }

    @Override
    public long version(String stream) {
        return databases.withConnection(db, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT version FROM cairn_event_streams WHERE stream_id = ?")) {
                select.setString(1, stream);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public List<RecordedEvent> readAll(Position after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return databases.withConnection(db, connection -> order.read(connection, db, after, limit));
    }

    @Override
    public Optional<Position> head() {
        return databases.withConnection(db, order::head);
    }

    @Override
    public EventTypes types() {
        return codec.types();
    }

    public GlobalOrder order() {
        return order;
    }

    public EventCodec codec() {
        return codec;
    }
}
