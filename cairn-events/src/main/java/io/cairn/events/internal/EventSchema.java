package io.cairn.events.internal;

import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cairn's own event-store tables, created by versioned steps recorded in {@code cairn_events_schema}.
 *
 * <p>Why not cairn-migrate: its history and script locations belong to the user's application
 * ({@code migrations:}); mixing Cairn's internal tables into that history would tie an upgrade of
 * Cairn to the user's migration run. Instead each step here is applied once, in order, on first use
 * of a database by any JVM, under a transaction-scoped advisory lock: the lock serialises racing
 * processes, and each step commits together with its row in the version table (PostgreSQL DDL is
 * transactional), so a crash leaves either the step and its row or neither. A new step is appended
 * to {@link #STEPS}; a shipped step is never edited.
 */
public final class EventSchema {
    private static final long LOCK = 0x6361_6972_6e45_7631L; // "cairnEv1"

    static final List<List<String>> STEPS = List.of(List.of(
            """
            CREATE TABLE cairn_event_streams (
              stream_id text PRIMARY KEY,
              version bigint NOT NULL,
              updated_at timestamptz NOT NULL)""",
            // tx_id: the writer's 64-bit transaction id; with seq it is the global order (see GlobalOrder)
            """
            CREATE TABLE cairn_events (
              seq bigserial PRIMARY KEY,
              tx_id bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
              event_id uuid NOT NULL UNIQUE,
              stream_id text NOT NULL,
              version bigint NOT NULL,
              event_type text NOT NULL,
              schema_version int NOT NULL,
              payload jsonb NOT NULL,
              metadata jsonb NOT NULL,
              recorded_at timestamptz NOT NULL,
              UNIQUE (stream_id, version))""",
            "CREATE INDEX cairn_events_global ON cairn_events (tx_id, seq)",
            "CREATE INDEX cairn_events_recorded ON cairn_events (recorded_at)",
            """
            CREATE TABLE cairn_event_snapshots (
              stream_id text PRIMARY KEY,
              version bigint NOT NULL,
              state_type text NOT NULL,
              state jsonb NOT NULL,
              taken_at timestamptz NOT NULL)""",
            """
            CREATE TABLE cairn_commands (
              command_id text PRIMARY KEY,
              command_type text NOT NULL,
              position text NOT NULL,
              processed_at timestamptz NOT NULL)""",
            """
            CREATE TABLE cairn_projections (
              name text PRIMARY KEY,
              live_generation int NOT NULL,
              building_generation int,
              paused boolean NOT NULL DEFAULT false,
              paused_reason text,
              owner text,
              heartbeat_at timestamptz,
              progressed_at timestamptz)""",
            """
            CREATE TABLE cairn_projection_checkpoints (
              name text NOT NULL,
              generation int NOT NULL,
              tx_id bigint NOT NULL,
              seq bigint NOT NULL,
              projected bigint NOT NULL,
              created boolean NOT NULL DEFAULT false,
              PRIMARY KEY (name, generation))"""));

    private final DataManager databases;
    private final Map<String, Boolean> ensured = new ConcurrentHashMap<>();

    public EventSchema(DataManager databases) {
        this.databases = databases;
    }

    /** Applies the missing steps on {@code db}, once per process. */
    public void ensure(String db) {
        if (ensured.containsKey(db)) {
            return;
        }
        synchronized (this) {
            if (ensured.containsKey(db)) {
                return;
            }
            databases.withConnection(db, connection -> {
                apply(db, connection);
                return null;
            });
            ensured.put(db, Boolean.TRUE);
        }
    }

    private static void apply(String db, Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
            statement.execute("CREATE TABLE IF NOT EXISTS cairn_events_schema (version int PRIMARY KEY, "
                    + "applied_at timestamptz NOT NULL DEFAULT now())");
            int current;
            try (ResultSet rows = statement.executeQuery("SELECT coalesce(max(version), 0) FROM cairn_events_schema")) {
                rows.next();
                current = rows.getInt(1);
            }
            if (current > STEPS.size()) {
                throw new CairnException(ErrorCode.PRECONDITION, "database '" + db + "': its event store schema is version "
                        + current + ", newer than this Cairn knows (" + STEPS.size() + "); upgrade Cairn");
            }
            for (int version = current + 1; version <= STEPS.size(); version++) {
                for (String sql : STEPS.get(version - 1)) {
                    statement.execute(sql);
                }
                statement.execute("INSERT INTO cairn_events_schema (version) VALUES (" + version + ")");
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
