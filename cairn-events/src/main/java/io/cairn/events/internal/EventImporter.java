package io.cairn.events.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.events.EventImportResult;
import io.cairn.events.EventSnapshots;
import io.cairn.repository.Repository;
import io.cairn.repository.SnapshotInfo;
import io.cairn.tx.Transactions;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
import java.util.HexFormat;
import java.util.Optional;

/**
 * Reads an events export back into an event store. The events file is copied out of the
 * repository and its line count and SHA-256 checked against the manifest before the database is
 * touched; then one transaction inserts the events (keeping their ids, versions and times; their
 * global position is the importing transaction's), skips those already present with the same
 * content, refuses a different event at the same stream version, and moves each stream's version.
 */
final class EventImporter {
    private final Repository repository;
    private final Transactions transactions;

    EventImporter(Repository repository, Transactions transactions) {
        this.repository = repository;
        this.transactions = transactions;
    }

    EventImportResult importSnapshot(String reference, String db) {
        SnapshotInfo snapshot = find(reference);
        String where = "snapshot " + snapshot.shortId() + " in " + repository;
        ByteArrayOutputStream manifestJson = new ByteArrayOutputStream();
        repository.dump(snapshot.id(), EventSnapshots.MANIFEST, manifestJson);
        ExportManifest manifest = ExportManifest.parse(manifestJson.toByteArray(), snapshot.shortId());
        Path file = copyOut(snapshot, db);
        try {
            verify(file, manifest, where);
            Counts counts = transactions.inTransaction(db, tx -> insert(tx.connection(), file, db, where));
            if (counts.imported() + counts.skipped() != manifest.events()) { // not reached after verify; a last guard
                throw new CairnException(ErrorCode.INTEGRITY, where + ": read " + (counts.imported() + counts.skipped())
                        + " events but its manifest says " + manifest.events() + "; nothing was imported");
            }
            return new EventImportResult(db, snapshot.id(), snapshot.shortId(), manifest.db(), manifest.events(),
                    counts.imported(), counts.skipped(), manifest.sha256());
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file left behind is harmless
            }
        }
    }

    private SnapshotInfo find(String reference) {
        SnapshotInfo snapshot = repository.snapshot(reference);
        if (!EventSnapshots.isExport(snapshot)) {
            throw new CairnException(ErrorCode.NOT_FOUND, "snapshot " + snapshot.shortId() + " in " + repository
                    + " is not an events export (it is a '" + snapshot.source() + "' snapshot; export one with "
                    + "'cairn events export')");
        }
        return snapshot;
    }

    private Path copyOut(SnapshotInfo snapshot, String db) {
        try {
            Path file = Files.createTempFile("cairn-events-import-", ".ndjson");
            try (OutputStream out = Files.newOutputStream(file)) {
                repository.dump(snapshot.id(), EventSnapshots.EVENTS_FILE, out);
            }
            return file;
        } catch (IOException e) {
            throw new CairnException(ErrorCode.STORAGE, "database '" + db + "': copying the events of snapshot "
                    + snapshot.shortId() + " to a temporary file failed: " + e.getMessage(), e);
        }
    }

    /** The file's hash and line count must be the manifest's, or nothing is imported. */
    private static void verify(Path file, ExportManifest manifest, String where) {
        MessageDigest digest = EventLines.digest();
        long lines = 0;
        try (DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest);
             BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Files.copy(file, out);
            while (in.readLine() != null) {
                lines++;
            }
        } catch (IOException e) {
            throw new CairnException(ErrorCode.STORAGE, where + ": reading " + file + " failed: " + e.getMessage(), e);
        }
        String sha256 = HexFormat.of().formatHex(digest.digest());
        if (!sha256.equals(manifest.sha256())) {
            throw new CairnException(ErrorCode.INTEGRITY, where + ": " + EventSnapshots.EVENTS_FILE + " has SHA-256 "
                    + sha256 + " but its manifest says " + manifest.sha256() + "; nothing was imported (export the range again)");
        }
        if (lines != manifest.events()) {
            throw new CairnException(ErrorCode.INTEGRITY, where + ": " + EventSnapshots.EVENTS_FILE + " holds " + lines
                    + " events but its manifest says " + manifest.events() + "; nothing was imported (export the range again)");
        }
    }

    private record Counts(long imported, long skipped) {
    }

    private static Counts insert(Connection connection, Path file, String db, String where) throws SQLException, IOException {
        long imported = 0;
        long skipped = 0;
        long number = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             PreparedStatement existing = connection.prepareStatement("SELECT event_type, schema_version, payload::text, "
                     + "metadata::text FROM cairn_events WHERE stream_id = ? AND version = ?");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO cairn_events (event_id, stream_id, version, "
                     + "event_type, schema_version, payload, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)");
             PreparedStatement stream = connection.prepareStatement("INSERT INTO cairn_event_streams AS s (stream_id, version, "
                     + "updated_at) VALUES (?, ?, ?) ON CONFLICT (stream_id) DO UPDATE SET version = greatest(s.version, "
                     + "excluded.version), updated_at = greatest(s.updated_at, excluded.updated_at)")) {
            String text;
            while ((text = in.readLine()) != null) {
                number++;
                EventLines line = EventLines.parse(text, where + ", line " + number);
                Optional<String> present = presentHash(existing, line);
                if (present.isPresent()) {
                    if (!present.get().equals(line.contentHash())) {
                        throw new CairnException(ErrorCode.PRECONDITION, "database '" + db + "': stream '" + line.stream()
                                + "' already has a different event at version " + line.version() + " than " + where
                                + " (line " + number + "); nothing was imported (import into a database without these streams)");
                    }
                    skipped++;
                    continue;
                }
                insert.setObject(1, line.eventId());
                insert.setString(2, line.stream());
                insert.setLong(3, line.version());
                insert.setString(4, line.type());
                insert.setInt(5, line.schemaVersion());
                insert.setString(6, line.payload().toString());
                insert.setString(7, line.metadata().toString());
                insert.setTimestamp(8, Timestamp.from(line.recordedAt()));
                insert.executeUpdate();
                stream.setString(1, line.stream());
                stream.setLong(2, line.version());
                stream.setTimestamp(3, Timestamp.from(line.recordedAt()));
                stream.executeUpdate();
                imported++;
            }
        }
        return new Counts(imported, skipped);
    }

    private static Optional<String> presentHash(PreparedStatement existing, EventLines line) throws SQLException {
        existing.setString(1, line.stream());
        existing.setLong(2, line.version());
        try (ResultSet row = existing.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            JsonNode payload = EventLines.tree(row.getString(3));
            JsonNode metadata = EventLines.tree(row.getString(4));
            return Optional.of(EventLines.contentHash(row.getString(1), row.getInt(2), payload, metadata));
        }
    }
}
