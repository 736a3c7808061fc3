package io.cairn.events.internal;

import io.cairn.events.Position;
import io.cairn.events.RecordedEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** Maps a row of {@link GlobalOrder#COLUMNS} to a {@link RecordedEvent}. */
public final class EventRows {
    private final EventCodec codec;

    public EventRows(EventCodec codec) {
        this.codec = codec;
    }

    RecordedEvent map(ResultSet row, String db) throws SQLException {
        long seq = row.getLong(1);
        String stream = row.getString(4);
        long version = row.getLong(5);
        String type = row.getString(6);
        int schemaVersion = row.getInt(7);
        String where = "database '" + db + "': event " + stream + "@" + version + " (sequence " + seq + ")";
        return new RecordedEvent(new Position(row.getLong(2), seq), row.getObject(3, UUID.class), stream, version, type,
                schemaVersion, codec.read(type, schemaVersion, row.getString(8), where), codec.readMetadata(row.getString(9)),
                row.getTimestamp(10).toInstant());
    }
}
