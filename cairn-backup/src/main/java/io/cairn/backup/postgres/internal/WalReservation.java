package io.cairn.backup.postgres.internal;

import io.cairn.backup.postgres.Lsn;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a base backup's WAL in pg_wal until Cairn has stored it, as pg_basebackup does: a
 * temporary physical replication slot, created with immediately_reserve on the backup's own
 * connection before the backup starts, pins the WAL from before the start LSN. Without it a
 * checkpoint (the backup start of a second backup, or write load) may recycle the start segment
 * before Cairn copied it, and the backup waits for WAL that no longer exists.
 *
 * <p>Crash safety: the slot is temporary, so the server drops it when the session ends, also
 * when Cairn is killed or the connection breaks; nothing outlives the backup. It is dropped
 * explicitly as soon as the WAL is durable in the repository, so the server may recycle again
 * while the snapshot is committed.
 *
 * <p>No free slot (max_replication_slots reached), no REPLICATION attribute or any other refusal
 * does not fail the backup: it runs unprotected as before and says so in a warning.
 */
public final class WalReservation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WalReservation.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String SLOT_PREFIX = "cairn_backup_";

    private final Connection connection;
    private final String db;
    private final Optional<String> slot;
    private boolean released;

    private WalReservation(Connection connection, String db, Optional<String> slot) {
        this.connection = connection;
        this.db = db;
        this.slot = slot;
    }

    /**
     * Creates the slot on {@code connection} (autocommit, the connection that will hold the
     * backup); on refusal logs and adds a warning to {@code warnings} and returns a reservation
     * without a slot.
     */
    public static WalReservation reserve(Connection connection, String db, List<String> warnings) {
        String name = SLOT_PREFIX + ProcessHandle.current().pid() + "_" + HexFormat.of().formatHex(randomBytes());
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT lsn::text FROM pg_create_physical_replication_slot(?, true, true)")) {
            statement.setString(1, name);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                LOG.debug("database '{}': temporary slot {} keeps WAL from {}", db, name,
                        Optional.ofNullable(row.getString(1)).map(Lsn::parse).orElse(null));
            }
            return new WalReservation(connection, db, Optional.of(name));
        } catch (SQLException e) {
            String warning = "database '" + db + "': the backup runs without a temporary replication slot, so a checkpoint"
                    + " may recycle its WAL before it is copied: " + reason(connection, e) + "; or archive WAL with"
                    + " `cairn pg wal stream --db " + db + "`";
            LOG.warn("{}", warning);
            warnings.add(warning);
            return new WalReservation(connection, db, Optional.empty());
        }
    }

    /** The temporary slot's name, empty when none could be created. */
    public Optional<String> slot() {
        return slot;
    }

    /** Drops the slot; the WAL it kept may be recycled afterwards. Idempotent. */
    public void release() {
        if (released || slot.isEmpty()) {
            return;
        }
        released = true;
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
            statement.setString(1, slot.get());
            statement.execute();
        } catch (SQLException e) {
            // harmless: a temporary slot disappears with its session, which the backup closes next
            LOG.warn("database '{}': could not drop temporary slot {} ({}); it goes when the backup's session ends", db,
                    slot.get(), e.getMessage());
        }
    }

    @Override
    public void close() {
        release();
    }

    /** The server's refusal and its fix, e.g. {@code all replication slots are in use; raise max_replication_slots}. */
    private static String reason(Connection connection, SQLException e) {
        String state = String.valueOf(e.getSQLState());
        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("").replaceFirst("^ERROR: ", "").trim();
        if (state.equals("53400") || state.equals("55000")) {
            return message + ": raise max_replication_slots (a restart is needed)";
        }
        if (state.equals("42501")) {
            return message + ": run ALTER ROLE " + currentUser(connection) + " REPLICATION";
        }
        return message + ": check max_replication_slots and the REPLICATION attribute";
    }

    private static String currentUser(Connection connection) {
        try (PreparedStatement statement = connection.prepareStatement("SELECT current_user");
                ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getString(1);
        } catch (SQLException e) {
            return "<user>";
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
