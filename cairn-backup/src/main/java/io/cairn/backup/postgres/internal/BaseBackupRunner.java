package io.cairn.backup.postgres.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cairn.backup.BackupType;
import io.cairn.backup.postgres.CorruptPage;
import io.cairn.backup.postgres.Lsn;
import io.cairn.backup.postgres.PgSnapshots;
import io.cairn.backup.postgres.PgBackupResult;
import io.cairn.backup.postgres.PostgresBackupOptions;
import io.cairn.core.CairnException;
import io.cairn.core.CairnJson;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.repository.SnapshotTags;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one base backup. Order, each step finished before the next: backup started on a held
 * connection; every file copied into an open snapshot; backup stopped (its backup_label and
 * tablespace_map added); the WAL from start to stop made durable in the repository; the
 * manifest added; the snapshot committed. A failure anywhere abandons the snapshot (nothing
 * becomes visible) and closes the connection, which makes the server abort the backup; a
 * visible backup snapshot is therefore complete, WAL included. Before the start, a temporary
 * replication slot on the same connection ({@link WalReservation}) keeps the backup's WAL in
 * pg_wal until it is stored; it is dropped once the WAL is durable, or by the server when the
 * session ends.
 */
public final class BaseBackupRunner {
    private static final Logger LOG = LoggerFactory.getLogger(BaseBackupRunner.class);

    private final RepositoryGateway gateway;
    private final WalArchive archive;
    private final BackupCatalog catalog;
    private final PostgresBackupOptions options;
    private final Runnable afterFilesCopied;

    public BaseBackupRunner(RepositoryGateway gateway, WalArchive archive, BackupCatalog catalog,
            PostgresBackupOptions options) {
        this(gateway, archive, catalog, options, () -> { });
    }

    /**
     * For fault tests: {@code afterFilesCopied} runs after the files are copied and before the
     * backup is stopped, where a real server's checkpoints would recycle the backup's WAL.
     */
    public BaseBackupRunner(RepositoryGateway gateway, WalArchive archive, BackupCatalog catalog,
            PostgresBackupOptions options, Runnable afterFilesCopied) {
        this.gateway = gateway;
        this.archive = archive;
        this.catalog = catalog;
        this.options = options;
        this.afterFilesCopied = afterFilesCopied;
    }

    public PgBackupResult run(DatabaseConfig config, BackupType requested) {
        String db = config.id();
        Instant began = options.clock().instant();
        List<String> warnings = new ArrayList<>();
        Optional<BackupCatalog.Backup> parent = requested == BackupType.FULL ? Optional.empty()
                : catalog.parentFor(db, requested);
        BackupType type = requested;
        if (requested != BackupType.FULL && parent.isEmpty()) {
            type = BackupType.FULL;
            warnings.add("no earlier backup of '" + db + "' to base a " + requested.shortName() + " on: took a full backup");
        }
        try (Connection connection = PgConnections.open(config, "cairn backup " + db)) {
            ServerInfo server = ServerInfo.read(connection, db);
            server.requireBackupCapable(db);
            requireSameCluster(db, server);
            requireReadable(db, server.dataDirectory());
            Map<String, Path> tablespaces = tablespaces(connection, db);
            return backup(db, connection, server, tablespaces, type, parent, began, warnings);
        } catch (SQLException e) {
            throw new CairnException(ErrorCode.DATABASE_ERROR, "database '" + db + "': " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CairnException(ErrorCode.STORAGE, "backup of database '" + db + "' failed reading its files: "
                    + e.getMessage(), e);
        }
    }

    private PgBackupResult backup(String db, Connection connection, ServerInfo server, Map<String, Path> tablespaces,
            BackupType type, Optional<BackupCatalog.Backup> parent, Instant began, List<String> warnings)
            throws IOException {
        try (WalReservation reservation = WalReservation.reserve(connection, db, warnings)) {
            BackupControl control = new BackupControl(connection, server.major(), db);
            BackupControl.Start start = control.start("cairn " + db + " " + began);
            return copy(db, control, reservation, start, server, tablespaces, type, parent, began, warnings);
        }
    }

    private PgBackupResult copy(String db, BackupControl control, WalReservation reservation, BackupControl.Start start,
            ServerInfo server, Map<String, Path> tablespaces, BackupType type, Optional<BackupCatalog.Backup> parent,
            Instant began, List<String> warnings) throws IOException {
        List<SourceEntry> entries = new DataDirectoryScanner(server.relationSegmentBlocks())
                .scan(server.dataDirectory(), tablespaces, server.tablespaceVersionDirectory());
        List<String> tags = new ArrayList<>(List.of(PgSnapshots.BASE_BACKUP_TAG, SnapshotTags.database(db), "type:" + type.shortName(),
                "system:" + server.systemIdentifier(), "start-lsn:" + start.lsn()));
        parent.ifPresent(backup -> tags.add("parent:" + backup.id()));
        ReuseRule reuse = parent.map(backup -> ReuseRule.after(backup.manifest().startTime(), options.reuseMargin()))
                .orElseGet(ReuseRule::none);
        try (RepositoryGateway.Writer writer = gateway.newSnapshot(PgSnapshots.baseBackupSource(db), List.of(db), tags,
                parent.map(BackupCatalog.Backup::id))) {
            FileCopier copier = new FileCopier(writer, server, start.lsn(), options.pagesPerChunk(), reuse);
            for (SourceEntry entry : entries) {
                copier.copy(entry);
            }
            afterFilesCopied.run();
            BackupControl.Stop stop = control.stop();
            boolean switched = control.switchWal();
            copier.addText(DataDirectoryScanner.DATA_PREFIX + "/backup_label", stop.backupLabel(), stop.time());
            stop.tablespaceMap().ifPresent(map -> copier.addText(DataDirectoryScanner.DATA_PREFIX + "/tablespace_map", map,
                    stop.time()));
            int walCopied = new WalCompleter(archive, options.clock(), options.sleeper(), options.copyWalFromDataDirectory(), options.walWait())
                    .complete(db, server, stop.timeline(), start.lsn(), stop.lsn(), switched);
            reservation.release();
            List<CorruptPage> corrupt = copier.corruptPages();
            BackupManifest manifest = manifest(db, type, parent, server, tablespaces, start, stop, copier);
            copier.addText(BackupManifest.PATH, json(manifest), stop.time());
            RepositoryGateway.Committed committed = writer.commit();
            if (!corrupt.isEmpty()) {
                LOG.warn("database '{}': backup {} found {} page(s) with a wrong checksum, first {} block {}", db,
                        committed.shortId(), corrupt.size(), corrupt.get(0).file(), corrupt.get(0).block());
            }
            return new PgBackupResult(db, committed.id(), committed.shortId(), type, parent.map(BackupCatalog.Backup::id),
                    start.lsn(), stop.lsn(), stop.timeline(), start.time(), stop.time(), server.version(),
                    server.systemIdentifier(), copier.files(), copier.bytes(), copier.filesReused(), copier.bytesReused(),
                    committed.dataAdded(), committed.dataAddedStored(), copier.pagesVerified(), corrupt, committed.packsAdopted(),
                    walCopied,
                    Duration.between(began, options.clock().instant()), List.copyOf(warnings));
        }
    }

    private BackupManifest manifest(String db, BackupType type, Optional<BackupCatalog.Backup> parent, ServerInfo server,
            Map<String, Path> tablespaces, BackupControl.Start start, BackupControl.Stop stop, FileCopier copier) {
        Map<String, String> locations = new LinkedHashMap<>();
        tablespaces.forEach((oid, path) -> locations.put(oid, path.toString()));
        long size = server.walSegmentSize();
        return new BackupManifest(BackupManifest.FORMAT, db, type.shortName(), parent.map(BackupCatalog.Backup::id).orElse(null),
                start.lsn(), stop.lsn(), stop.timeline(), start.time(), stop.time(), start.nextXid(), stop.nextXid(),
                server.version(), server.versionNumber(), server.systemIdentifier(), size, server.blockSize(),
                server.dataChecksums(), WalSegment.containing(stop.timeline(), start.lsn(), size).name(),
                WalSegment.containing(stop.timeline(), stop.lsn().plus(-1), size).name(), locations,
                options.pagesPerChunk(), copier.files(), copier.bytes(), copier.corruptPages(),
                stop.backupLabel().lines().filter(line -> line.startsWith("LABEL:")).findFirst().orElse(""),
                copier.filesReused(), copier.bytesReused());
    }

    /** Refuses to mix two clusters under one database id (their WAL names would collide). */
    private void requireSameCluster(String db, ServerInfo server) {
        Optional<String> archived = archive.catalog(db).systemIdentifier();
        if (archived.isPresent() && !archived.get().equals(server.systemIdentifier())) {
            throw new CairnException(ErrorCode.PRECONDITION, "database '" + db + "' is cluster " + server.systemIdentifier()
                    + " but repository " + gateway.location() + " holds WAL of cluster " + archived.get()
                    + " under that id: use another database id or repository for the new cluster");
        }
    }

    private static void requireReadable(String db, Path dataDirectory) {
        if (!Files.isDirectory(dataDirectory) || !Files.isReadable(dataDirectory) || !Files.isExecutable(dataDirectory)) {
            throw new CairnException(ErrorCode.PERMISSION_DENIED, "database '" + db + "': cannot read its data directory "
                    + dataDirectory + ": run Cairn on the database host as the operating-system user that owns it"
                    + " (usually postgres)");
        }
    }

    private static Map<String, Path> tablespaces(Connection connection, String db) throws SQLException {
        Map<String, Path> tablespaces = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT oid::text, pg_tablespace_location(oid) FROM pg_tablespace"
                        + " WHERE spcname NOT IN ('pg_default', 'pg_global') ORDER BY oid")) {
            while (rows.next()) {
                String location = rows.getString(2);
                if (location == null || location.isEmpty()) {
                    continue;
                }
                Path path = Path.of(location);
                if (!path.isAbsolute()) {
                    throw new CairnException(ErrorCode.PRECONDITION, "database '" + db + "': tablespace " + rows.getString(1)
                            + " lives inside the data directory (" + location + "), which Cairn does not support");
                }
                tablespaces.put(rows.getString(1), path);
            }
        }
        return Collections.unmodifiableMap(tablespaces);
    }

    static String json(Object value) {
        try {
            return CairnJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new CairnException(ErrorCode.INTERNAL, "cannot write backup manifest: " + e.getMessage(), e);
        }
    }

    static ByteArrayInputStream utf8(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
