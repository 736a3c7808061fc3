package io.cairn.events.internal;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.core.CairnException;
import io.cairn.core.CairnJson;
import io.cairn.core.ErrorCode;
import io.cairn.events.AggregateRoot;
import io.cairn.events.RecordedEvent;
import java.lang.reflect.Constructor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;

/**
 * Loads aggregates from their latest snapshot plus the events after it, and snapshots them. A
 * snapshot is written in the transaction that appends the events it includes, so it never runs ahead
 * of the stream; it is only a cache (deleting it changes nothing but load time), and one that does
 * not map to the class any more (the class changed) is ignored and the stream replayed.
 */
public final class Aggregates {
    private final PostgresEventStore store;
    private final int snapshotEvery;
    private final Clock clock;
    private final ObjectMapper state = CairnJson.mapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);

    public Aggregates(PostgresEventStore store, int snapshotEvery, Clock clock) {
        this.store = store;
        this.snapshotEvery = snapshotEvery;
        this.clock = clock;
    }

    public static String stream(Class<?> type, String id) {
        return type.getSimpleName() + "-" + id;
    }

    public <A extends AggregateRoot> A load(Connection connection, Class<A> type, String id) throws SQLException {
        String stream = stream(type, id);
        A aggregate = null;
        long version = 0;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT version, state::text FROM cairn_event_snapshots WHERE stream_id = ? AND state_type = ?")) {
            select.setString(1, stream);
            select.setString(2, type.getName());
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    try {
                        aggregate = state.readValue(row.getString(2), type);
                        version = row.getLong(1);
                    } catch (JsonProcessingException e) {
                        aggregate = null; // an outdated snapshot: replay the whole stream
                    }
                }
            }
        }
        if (aggregate == null) {
            aggregate = newInstance(type);
            version = 0;
        }
        AggregateRoot.Access.loaded(aggregate, id, version);
        for (RecordedEvent event : store.readStream(connection, stream, version)) {
            AggregateRoot.Access.replay(aggregate, event.data(), event.version());
        }
        return aggregate;
    }

    /** Snapshots {@code aggregate} (now at {@code version}) when this append crossed a multiple of snapshot-every. */
    public void maybeSnapshot(Connection connection, AggregateRoot aggregate, long fromVersion, long version)
            throws SQLException {
        if ((fromVersion - 1) / snapshotEvery == version / snapshotEvery) {
            return;
        }
        String json;
        try {
            json = state.writeValueAsString(aggregate);
        } catch (JsonProcessingException e) {
            throw new CairnException(ErrorCode.USAGE, "aggregate " + aggregate.getClass().getName() + " cannot be "
                    + "snapshotted as JSON (keep its fields plain data): " + e.getOriginalMessage(), e);
        }
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO cairn_event_snapshots (stream_id, version, "
                + "state_type, state, taken_at) VALUES (?, ?, ?, ?::jsonb, ?) ON CONFLICT (stream_id) DO UPDATE SET "
                + "version = excluded.version, state_type = excluded.state_type, state = excluded.state, taken_at = excluded.taken_at")) {
            upsert.setString(1, stream(aggregate.getClass(), aggregate.id()));
            upsert.setLong(2, version);
            upsert.setString(3, aggregate.getClass().getName());
            upsert.setString(4, json);
            upsert.setTimestamp(5, Timestamp.from(clock.instant()));
            upsert.executeUpdate();
        }
    }

    private static <A> A newInstance(Class<A> type) {
        try {
            Constructor<A> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new CairnException(ErrorCode.USAGE, "aggregate " + type.getName()
                    + " needs a no-argument constructor: " + e, e);
        }
    }
}
