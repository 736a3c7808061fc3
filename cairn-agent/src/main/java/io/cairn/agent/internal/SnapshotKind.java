package io.cairn.agent.internal;

import io.cairn.backup.postgres.PgSnapshots;
import io.cairn.dump.DumpSnapshots;
import io.cairn.repository.SnapshotInfo;
import io.cairn.repository.SnapshotTags;
import java.util.Optional;

/**
 * What a snapshot holds, as the admin API and the dashboard show it ({@code kind}). The labels are
 * the agent's own API vocabulary (docs/agent.md); which snapshot is which is decided only by the
 * modules that write them ({@link PgSnapshots}, {@link DumpSnapshots}); anything else is files.
 */
public enum SnapshotKind {
    PG_BACKUP("pg-backup"),
    PG_WAL("pg-wal"),
    DUMP("dump"),
    FILES("files");

    private final String label;

    SnapshotKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static SnapshotKind of(SnapshotInfo snapshot) {
        if (PgSnapshots.isBaseBackup(snapshot)) {
            return PG_BACKUP;
        }
        if (PgSnapshots.isWal(snapshot)) {
            return PG_WAL;
        }
        if (DumpSnapshots.isDump(snapshot)) {
            return DUMP;
        }
        return FILES;
    }

    /**
     * The database a snapshot of any kind belongs to: a base backup's or WAL snapshot's as
     * cairn-backup lists it (by source), else the snapshot's {@link SnapshotTags database tag}.
     */
    public static Optional<String> databaseOf(SnapshotInfo snapshot) {
        return PgSnapshots.database(snapshot).or(() -> SnapshotTags.databaseOf(snapshot));
    }
}
