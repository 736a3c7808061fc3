package io.cairn.events.internal;

import io.cairn.events.Position;
import io.cairn.events.RecordedEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads events in the global order that readers can trust: a reader that has seen position P never
 * later finds a newly committed event before P.
 *
 * <p>The mechanism. Every event row carries the 64-bit id of the transaction that wrote it
 * ({@code tx_id}, from {@code pg_current_xact_id()}) and an insert sequence ({@code seq}); the
 * global order is {@code (tx_id, seq)}. A read returns only events with
 * {@code tx_id < pg_snapshot_xmin(pg_current_snapshot())}, the visibility watermark of the read's
 * own snapshot: every transaction whose id is below it has ended, committed or rolled back, so the
 * set of events below the watermark is final — nothing can be added to it later. Every transaction
 * that can still commit has an id at or above the watermark, hence sorts after everything returned.
 *
 * <p>Why it holds: a slow writer keeps its id in the snapshot's in-progress set, so the watermark
 * stays at or below its id and readers stop before its events (they wait; they never skip). A
 * rolled-back writer ends: the watermark passes it and its rows are invisible for ever. Concurrent
 * writers commit in any order; their events are released in id order once all lower ids ended.
 * Sequence numbers alone would not do (they are taken at insert, not at commit: Marten #1629,
 * akka-persistence-jdbc #96), and no time threshold is guessed. The ids are epoch-extended (xid8),
 * so they never wrap. The watermark and the rows come from one statement, hence one snapshot.
 *
 * <p>The price: any open transaction that holds a transaction id (in any database of the cluster)
 * holds the watermark back until it ends; projections report this as WAITING_FOR_TRANSACTION.
 */
public final class GlobalOrder {
    static final String WATERMARK = "pg_snapshot_xmin(pg_current_snapshot())::text::bigint";
    static final String COLUMNS = "seq, tx_id, event_id, stream_id, version, event_type, schema_version, payload::text, "
            + "metadata::text, recorded_at";

    private final EventRows rows;

    public GlobalOrder(EventRows rows) {
        this.rows = rows;
    }

    /** Up to {@code limit} events after {@code after}, below the watermark, in order. */
    public List<RecordedEvent> read(Connection connection, String db, Position after, int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM cairn_events "
                + "WHERE (tx_id, seq) > (?, ?) AND tx_id < " + WATERMARK + " ORDER BY tx_id, seq LIMIT ?")) {
            statement.setLong(1, after.transaction());
            statement.setLong(2, after.sequence());
            statement.setInt(3, limit);
            List<RecordedEvent> events = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    events.add(rows.map(result, db));
                }
            }
            return events;
        }
    }

    /** The last position readers may see now. */
    public Optional<Position> head(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT tx_id, seq FROM cairn_events WHERE tx_id < "
                + WATERMARK + " ORDER BY tx_id DESC, seq DESC LIMIT 1"); ResultSet result = statement.executeQuery()) {
            return result.next() ? Optional.of(new Position(result.getLong(1), result.getLong(2))) : Optional.empty();
        }
    }

    /**
     * Events after {@code after}: how many there are, how many of them are held back by the watermark
     * (committed, but an older transaction is still open), and when the oldest was recorded.
     */
    public record Backlog(long events, long heldBack, Optional<java.time.Instant> oldest) {
    }

    public Backlog backlog(Connection connection, Position after) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*), count(*) FILTER (WHERE tx_id >= "
                + WATERMARK + "), min(recorded_at) FROM cairn_events WHERE (tx_id, seq) > (?, ?)")) {
            statement.setLong(1, after.transaction());
            statement.setLong(2, after.sequence());
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                java.sql.Timestamp oldest = result.getTimestamp(3);
                return new Backlog(result.getLong(1), result.getLong(2),
                        Optional.ofNullable(oldest).map(java.sql.Timestamp::toInstant));
            }
        }
    }
}
