package io.cairn.events.internal;

import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.events.Position;
import io.cairn.events.ProjectionStatus;
import io.cairn.events.ProjectionStatus.Liveness;
import io.cairn.tx.Statements;
import io.cairn.tx.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The projections of one database: their rows in {@code cairn_projections} and
 * {@code cairn_projection_checkpoints}, and the operations on them that are not a batch: register,
 * pause/resume, request a rebuild, swap a rebuilt generation in, read the status. A rebuild swap is
 * one transaction: view to the new table, live generation moved, old checkpoint and table dropped —
 * readers of the view see the old table or the new one, never neither.
 */
public final class ProjectionCatalog {
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,39}");
    static final int LOCK_CLASS = 0x63616972; // "cair": the advisory lock space of projection owners

    private final String db;
    private final DataManager databases;
    private final Transactions transactions;
    private final GlobalOrder order;
    private final Clock clock;
    private final Duration stallAfter;

    public ProjectionCatalog(String db, DataManager databases, Transactions transactions, GlobalOrder order, Clock clock,
            Duration stallAfter) {
        this.db = db;
        this.databases = databases;
        this.transactions = transactions;
        this.order = order;
        this.clock = clock;
        this.stallAfter = stallAfter;
    }

    public String db() {
        return db;
    }

    public static String requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a projection name is 1-40 lower-case letters, digits or '_' (it names a "
                    + "view and tables), got \"" + name + "\"");
        }
        return name;
    }

    static String table(String name, int generation) {
        return name + "_g" + generation;
    }

    static int lockKey(String name) {
        return name.hashCode() & 0x7fffffff;
    }

    /** The rows of a new projection: generation 1, empty checkpoint. Idempotent. */
    public void register(String name) {
        transactions.inTransaction(db, tx -> {
            if (tx.execute("INSERT INTO cairn_projections (name, live_generation) VALUES (?, 1) ON CONFLICT (name) DO NOTHING",
                    name) == 1) {
                tx.execute("INSERT INTO cairn_projection_checkpoints (name, generation, tx_id, seq, projected) "
                        + "VALUES (?, 1, 0, 0, 0)", name);
            }
            return null;
        });
    }

    /** What the owner's loop needs each round. */
    public record State(int live, Optional<Integer> building, boolean paused) {
    }

    public State state(String name) {
        return databases.withConnection(db, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT live_generation, building_generation, paused FROM cairn_projections WHERE name = ?")) {
                select.setString(1, name);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw notFound(name);
                    }
                    int live = row.getInt(1);
                    int building = row.getInt(2);
                    Optional<Integer> rebuilding = row.wasNull() ? Optional.empty() : Optional.of(building);
                    return new State(live, rebuilding, row.getBoolean(3));
                }
            }
        });
    }

    public void heartbeat(String name, String owner) {
        databases.execute(db, "UPDATE cairn_projections SET owner = ?, heartbeat_at = ? WHERE name = ?", owner,
                Timestamp.from(clock.instant()), name);
    }

    public void pause(String name, String reason) {
        databases.execute(db, "UPDATE cairn_projections SET paused = true, paused_reason = ? WHERE name = ?", reason, name);
    }

    /** Clears a pause: the owner applies the event it paused on again (fix the projection first). */
    public void resume(String name) {
        if (databases.execute(db, "UPDATE cairn_projections SET paused = false, paused_reason = NULL WHERE name = ?", name) != 1) {
            throw notFound(name);
        }
    }

    /** Starts building generation live+1 aside; the owner fills it and swaps it in once it caught up. */
    public int requestRebuild(String name) {
        return transactions.inTransaction(db, tx -> {
            State state = lockedState(tx, name);
            if (state.building().isPresent()) {
                return state.building().get();
            }
            int next = state.live() + 1;
            tx.execute("UPDATE cairn_projections SET building_generation = ? WHERE name = ?", next, name);
            tx.execute("INSERT INTO cairn_projection_checkpoints (name, generation, tx_id, seq, projected) VALUES (?, ?, 0, 0, 0)",
                    name, next);
            return next;
        });
    }

    /** Swaps the rebuilt generation in if it has caught up with the live one; true when it did. */
    public boolean swapIfCaughtUp(String name) {
        return transactions.inTransaction(db, tx -> {
            State state = lockedState(tx, name);
            if (state.building().isEmpty()) {
                return false;
            }
            int live = state.live();
            int building = state.building().get();
            Checkpoint old = checkpoint(tx, name, live);
            Checkpoint rebuilt = checkpoint(tx, name, building);
            if (!rebuilt.created() || rebuilt.position().compareTo(old.position()) < 0) {
                return false;
            }
            pointView(tx, name, table(name, building));
            tx.execute("UPDATE cairn_projections SET live_generation = ?, building_generation = NULL WHERE name = ?",
                    building, name);
            tx.execute("DELETE FROM cairn_projection_checkpoints WHERE name = ? AND generation = ?", name, live);
            tx.execute("DROP TABLE IF EXISTS " + table(name, live));
            return true;
        });
    }

    /** Points the view {@code name} at {@code table}, if the projection made that table. */
    static void pointView(Statements tx, String name, String table) {
        if (tx.queryOptional("SELECT 1 WHERE to_regclass(?) IS NOT NULL", Integer.class, table).isPresent()) {
            tx.execute("DROP VIEW IF EXISTS " + name);
            tx.execute("CREATE VIEW " + name + " AS SELECT * FROM " + table);
        }
    }

    record Checkpoint(Position position, long projected, boolean created) {
    }

    static Checkpoint checkpoint(Statements tx, String name, int generation) {
        return tx.queryOptional("SELECT tx_id, seq, projected, created FROM cairn_projection_checkpoints "
                + "WHERE name = ? AND generation = ? FOR UPDATE", CheckpointRow.class, name, generation)
                .map(r -> new Checkpoint(new Position(r.txId(), r.seq()), r.projected(), r.created()))
                .orElseThrow(() -> new CairnException(ErrorCode.NOT_FOUND, "projection '" + name + "' has no generation "
                        + generation + " (swapped away by another owner?)"));
    }

    public record CheckpointRow(Long txId, Long seq, Long projected, Boolean created) {
    }

    private State lockedState(Statements tx, String name) {
        return tx.queryOptional("SELECT live_generation, building_generation, paused FROM cairn_projections WHERE name = ? "
                + "FOR UPDATE", StateRow.class, name).map(r -> new State(r.liveGeneration(),
                Optional.ofNullable(r.buildingGeneration()), r.paused())).orElseThrow(() -> notFound(name));
    }

    public record StateRow(Integer liveGeneration, Integer buildingGeneration, Boolean paused) {
    }

    /** The live checkpoint of {@code name}. */
    public Position position(String name) {
        return status(name).position();
    }

    public List<ProjectionStatus> statuses() {
        List<String> names = databases.withConnection(db, connection -> {
            List<String> found = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT name FROM cairn_projections ORDER BY name");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
            return found;
        });
        return names.stream().map(this::status).toList();
    }

    public ProjectionStatus status(String name) {
        return databases.withConnection(db, connection -> status(connection, name));
    }

    private ProjectionStatus status(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT p.live_generation, p.building_generation, "
                + "p.paused, p.paused_reason, p.owner, p.heartbeat_at, p.progressed_at, c.tx_id, c.seq, c.projected, "
                + "EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ?::oid "
                + "AND l.objid = ?::oid AND l.objsubid = 2 AND l.database = (SELECT oid FROM pg_database "
                + "WHERE datname = current_database())) "
                + "FROM cairn_projections p JOIN cairn_projection_checkpoints c ON c.name = p.name AND c.generation = p.live_generation "
                + "WHERE p.name = ?")) {
            select.setLong(1, LOCK_CLASS);
            select.setLong(2, lockKey(name));
            select.setString(3, name);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw notFound(name);
                }
                int building = row.getInt(2);
                Optional<Integer> rebuilding = row.wasNull() ? Optional.empty() : Optional.of(building);
                boolean paused = row.getBoolean(3);
                Optional<String> reason = Optional.ofNullable(row.getString(4));
                boolean owned = row.getBoolean(11);
                Optional<String> owner = owned ? Optional.ofNullable(row.getString(5)) : Optional.empty();
                Optional<Instant> heartbeat = Optional.ofNullable(row.getTimestamp(6)).map(Timestamp::toInstant);
                Optional<Instant> progressed = Optional.ofNullable(row.getTimestamp(7)).map(Timestamp::toInstant);
                Position position = new Position(row.getLong(8), row.getLong(9));
                GlobalOrder.Backlog backlog = order.backlog(connection, position);
                Instant now = clock.instant();
                Duration lagTime = backlog.oldest().map(t -> Duration.between(t, now)).filter(d -> !d.isNegative())
                        .orElse(Duration.ZERO);
                Liveness liveness = liveness(paused, owned, heartbeat, progressed, backlog, now);
                return new ProjectionStatus(db, name, row.getInt(1), rebuilding, position, row.getLong(10), backlog.events(),
                        lagTime, owner, heartbeat, liveness, paused ? reason : Optional.empty());
            }
        }
    }

    private Liveness liveness(boolean paused, boolean owned, Optional<Instant> heartbeat, Optional<Instant> progressed,
            GlobalOrder.Backlog backlog, Instant now) {
        if (paused) {
            return Liveness.PAUSED;
        }
        if (!owned) {
            return Liveness.NO_OWNER;
        }
        if (heartbeat.isEmpty() || heartbeat.get().plus(stallAfter).isBefore(now)) {
            return Liveness.STALLED;
        }
        if (backlog.events() == 0) {
            return Liveness.CAUGHT_UP;
        }
        if (backlog.events() == backlog.heldBack()) {
            return Liveness.WAITING_FOR_TRANSACTION;
        }
        Instant lastSign = progressed.orElse(Instant.EPOCH);
        Instant oldest = backlog.oldest().orElse(now);
        Instant latest = lastSign.isAfter(oldest) ? lastSign : oldest;
        return latest.plus(stallAfter).isBefore(now) ? Liveness.STALLED : Liveness.PROJECTING;
    }

    private CairnException notFound(String name) {
        return new CairnException(ErrorCode.NOT_FOUND, "database '" + db + "': no projection '" + name
                + "' (start it once with cairn.events().projection(\"" + name + "\", …).start())");
    }
}
