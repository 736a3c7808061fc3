package io.cairn.backup.postgres.internal;

import io.cairn.backup.postgres.Lsn;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Checks the server can stream WAL to Cairn and that the physical replication slot exists,
 * creating it (reserving WAL at once) when allowed. Runs on a normal SQL connection.
 */
public final class SlotManager {
    private final Connection connection;
    private final String db;

    /** The slot's restart_lsn: WAL from there on is kept by the server for Cairn. */
    public record Slot(String name, Optional<Lsn> restartLsn, boolean created) {
    }

    public SlotManager(Connection connection, String db) {
        this.connection = connection;
        this.db = db;
    }

    /** Fails with a fix when wal_level or max_wal_senders make streaming impossible. */
    public void requireStreamingPossible() throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(
                "SELECT current_setting('wal_level'), current_setting('max_wal_senders')::int,"
                        + " current_setting('max_replication_slots')::int")) {
            row.next();
            if ("minimal".equals(row.getString(1))) {
                throw new CairnException(ErrorCode.PRECONDITION, "database '" + db + "' has wal_level = minimal, too low"
                        + " to stream WAL: set wal_level = replica in postgresql.conf and restart the server");
            }
            if (row.getInt(2) == 0 || row.getInt(3) == 0) {
                throw new CairnException(ErrorCode.PRECONDITION, "database '" + db + "' has max_wal_senders or"
                        + " max_replication_slots = 0: set both to at least 2 and restart the server");
            }
        }
    }

    public Slot ensure(String name, boolean create) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT slot_type, restart_lsn::text FROM pg_replication_slots WHERE slot_name = ?")) {
            statement.setString(1, name);
            try (ResultSet row = statement.executeQuery()) {
                if (row.next()) {
                    if (!"physical".equals(row.getString(1))) {
                        throw new CairnException(ErrorCode.PRECONDITION, "database '" + db + "': replication slot "
                                + name + " is a " + row.getString(1) + " slot; Cairn needs a physical one: drop it or"
                                + " configure another wal." + db + ".slot");
                    }
                    String restart = row.getString(2);
                    return new Slot(name, Optional.ofNullable(restart).map(Lsn::parse), false);
                }
            }
        }
        if (!create) {
            throw new CairnException(ErrorCode.NOT_FOUND, "database '" + db + "': replication slot " + name
                    + " does not exist: create it with SELECT pg_create_physical_replication_slot('" + name
                    + "', true), or set wal." + db + ".createSlot: true");
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT lsn::text FROM pg_create_physical_replication_slot(?, true)")) {
            statement.setString(1, name);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return new Slot(name, Optional.ofNullable(row.getString(1)).map(Lsn::parse), true);
            }
        }
    }
}
