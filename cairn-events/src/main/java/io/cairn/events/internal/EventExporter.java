package io.cairn.events.internal;

import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.events.EventExportResult;
import io.cairn.events.EventSnapshots;
import io.cairn.repository.BackupOptions;
import io.cairn.repository.BackupResult;
import io.cairn.repository.FileMetadata;
import io.cairn.repository.ProgressListener;
import io.cairn.repository.Repository;
import io.cairn.repository.SnapshotBuilder;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Writes the events of one store recorded in [from, to) to a repository snapshot. The events are
 * read with a cursor in one statement, only below the visibility watermark (so the export is a set
 * that cannot grow later), into a temporary file hashed on the way; then the file and the manifest
 * (count and hash) go into the snapshot, which the repository makes visible last.
 */
final class EventExporter {
    private static final String SELECT = "SELECT event_id, stream_id, version, event_type, schema_version, payload::text, "
            + "metadata::text, recorded_at, tx_id, seq FROM cairn_events WHERE recorded_at >= ? AND recorded_at < ? "
            + "AND tx_id < " + GlobalOrder.WATERMARK + " ORDER BY tx_id, seq";

    private final DataManager databases;
    private final Repository repository;
    private final Clock clock;

    EventExporter(DataManager databases, Repository repository, Clock clock) {
        this.databases = databases;
        this.repository = repository;
        this.clock = clock;
    }

    EventExportResult export(String db, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new CairnException(ErrorCode.USAGE, "database '" + db + "': an export range needs from < to, got "
                    + from + " .. " + to);
        }
        Path file = temporaryFile(db);
        try {
            MessageDigest digest = EventLines.digest();
            long events = databases.withConnection(db, connection -> write(connection, from, to, file, digest));
            String sha256 = HexFormat.of().formatHex(digest.digest());
            long bytes = Files.size(file);
            ExportManifest manifest = new ExportManifest(ExportManifest.FORMAT, db, from, to, events, sha256, bytes);
            BackupOptions options = BackupOptions.defaults().withTags(EventSnapshots.tags(db).toArray(String[]::new))
                    .withNoParent();
            BackupResult stored;
            try (SnapshotBuilder builder = repository.newSnapshot(EventSnapshots.SOURCE,
                    java.util.List.of(EventSnapshots.path(db)), options, ProgressListener.NONE);
                 InputStream content = Files.newInputStream(file)) {
                builder.addFile(EventSnapshots.EVENTS_FILE, FileMetadata.of(0600, clock.instant()), content,
                        repository.contentDefinedChunker());
                builder.addFile(EventSnapshots.MANIFEST, FileMetadata.of(0600, clock.instant()),
                        new ByteArrayInputStream(manifest.toJson()), repository.contentDefinedChunker());
                stored = builder.commit();
            }
            return new EventExportResult(db, stored.snapshotId(), stored.shortId(), from, to, events, sha256, bytes);
        } catch (IOException e) {
            throw new CairnException(ErrorCode.STORAGE, "database '" + db + "': exporting events through " + file
                    + " failed: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file left behind is harmless
            }
        }
    }

    private static long write(Connection connection, Instant from, Instant to, Path file, MessageDigest digest)
            throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false); // a cursor: the range is streamed, not held in memory
        try (PreparedStatement select = connection.prepareStatement(SELECT);
             BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
                     new DigestOutputStream(Files.newOutputStream(file), digest), StandardCharsets.UTF_8))) {
            select.setFetchSize(500);
            select.setTimestamp(1, Timestamp.from(from));
            select.setTimestamp(2, Timestamp.from(to));
            long events = 0;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    EventLines line = EventLines.of(rows.getObject(1, UUID.class), rows.getString(2), rows.getLong(3),
                            rows.getString(4), rows.getInt(5), rows.getString(6), rows.getString(7),
                            rows.getTimestamp(8).toInstant(), rows.getLong(9) + ":" + rows.getLong(10));
                    out.write(line.toJson());
                    out.write('\n');
                    events++;
                }
            }
            connection.commit();
            return events;
        } catch (IOException e) {
            throw new CairnException(ErrorCode.STORAGE, "writing the export to " + file + " failed: " + e.getMessage(), e);
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    private static Path temporaryFile(String db) {
        try {
            return Files.createTempFile("cairn-events-" + db.replaceAll("[^A-Za-z0-9_-]", "_") + "-", ".ndjson");
        } catch (IOException e) {
            throw new CairnException(ErrorCode.STORAGE, "database '" + db + "': no temporary file for the export: "
                    + e.getMessage(), e);
        }
    }
}
