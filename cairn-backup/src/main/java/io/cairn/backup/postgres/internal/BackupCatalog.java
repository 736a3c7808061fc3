package io.cairn.backup.postgres.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.backup.postgres.PgSnapshots;
import io.cairn.core.CairnException;
import io.cairn.core.CairnJson;
import io.cairn.core.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The base backups of a database: the snapshots {@link PgSnapshots} describes, each with its manifest (read once per snapshot and cached: manifests never
 * change). Only committed snapshots are listed, and a backup snapshot is committed only after
 * its WAL is archived, so every backup listed here is complete.
 */
public final class BackupCatalog {
    private static final ObjectMapper JSON = CairnJson.mapper();

    private final RepositoryGateway gateway;
    private final Map<String, BackupManifest> manifests = new ConcurrentHashMap<>();

    /** A backup: its snapshot and its manifest. */
    public record Backup(RepositoryGateway.Stored snapshot, BackupManifest manifest) {
        public String id() {
            return snapshot.id();
        }
    }

    public BackupCatalog(RepositoryGateway gateway) {
        this.gateway = gateway;
    }

    /** Every backup of {@code db}, oldest first (by stop LSN, then time). */
    public List<Backup> list(String db) {
        List<Backup> backups = new ArrayList<>();
        for (RepositoryGateway.Stored snapshot : gateway.snapshots(PgSnapshots.baseBackupSource(db))) {
            if (snapshot.hasTag(PgSnapshots.BASE_BACKUP_TAG)) {
                backups.add(new Backup(snapshot, manifests.computeIfAbsent(snapshot.id(), id -> read(snapshot))));
            }
        }
        backups.sort(java.util.Comparator.comparing((Backup backup) -> backup.manifest().stopTime())
                .thenComparing(backup -> backup.manifest().stopLsn()));
        return backups;
    }

    /** A backup by id or unique prefix (4+ hex digits). */
    public Backup find(String db, String reference) {
        List<Backup> matches = list(db).stream().filter(backup -> backup.id().startsWith(reference)).toList();
        if (matches.isEmpty()) {
            throw new CairnException(ErrorCode.NOT_FOUND, "database '" + db + "' has no backup " + reference
                    + " in repository " + gateway.location() + "; list them with `cairn pg backups --db " + db + "`");
        }
        if (matches.size() > 1) {
            throw new CairnException(ErrorCode.USAGE, "backup prefix " + reference + " of database '" + db
                    + "' is ambiguous; give more digits");
        }
        return matches.get(0);
    }

    /** The newest full backup, for a differential; the newest backup, for an incremental. */
    public Optional<Backup> parentFor(String db, io.cairn.backup.BackupType type) {
        List<Backup> backups = list(db);
        for (int i = backups.size() - 1; i >= 0; i--) {
            Backup backup = backups.get(i);
            if (type == io.cairn.backup.BackupType.INCREMENTAL || "full".equals(backup.manifest().type())) {
                return Optional.of(backup);
            }
        }
        return Optional.empty();
    }

    private BackupManifest read(RepositoryGateway.Stored snapshot) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        gateway.dump(snapshot.id(), BackupManifest.PATH, out);
        try {
            return JSON.readValue(out.toByteArray(), BackupManifest.class);
        } catch (IOException e) {
            throw new CairnException(ErrorCode.INTEGRITY, "backup " + snapshot.shortId() + " in repository "
                    + gateway.location() + " has an unreadable manifest: " + e.getMessage(), e);
        }
    }
}
