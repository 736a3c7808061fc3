package io.cairn;

import io.cairn.backup.postgres.PgSnapshots;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.dump.DumpSnapshots;
import io.cairn.repository.SnapshotFilter;
import io.cairn.repository.SnapshotInfo;
import io.cairn.repository.SnapshotTags;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a snapshot in a repository holds, as front-ends list and filter them ({@code cairn
 * snapshots --kind}). Which snapshot is which is decided only by the modules that write them
 * ({@link PgSnapshots}, {@link DumpSnapshots}, {@link SnapshotFilter#FILES_SOURCE}); this enum only
 * names their answers.
 */
public enum SnapshotKind {
    /** File backups ({@code cairn backup files}). */
    FILES("files"),
    /** Logical dumps ({@code cairn dump}). */
    DUMP("dump"),
    /** PostgreSQL physical base backups ({@code cairn pg backup}). */
    PG_BACKUP("pg-backup"),
    /** Archived PostgreSQL WAL: one snapshot per stored batch or piece, thousands of them. */
    PG_WAL("pg-wal"),
    /** Anything else (single streams, other tools' snapshots). */
    OTHER("other");

    private final String label;

    SnapshotKind(String label) {
        this.label = label;
    }

    /** The name users type and see: {@code files}, {@code dump}, {@code pg-backup}, {@code pg-wal}, {@code other}. */
    public String label() {
        return label;
    }

    /** Whether a plain listing shows this kind: PostgreSQL backups and WAL have their own ({@code cairn pg backups}). */
    public boolean listedByDefault() {
        return this != PG_BACKUP && this != PG_WAL;
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
        return SnapshotFilter.FILES_SOURCE.equals(snapshot.source()) ? FILES : OTHER;
    }

    /**
     * The database a snapshot of any kind belongs to: a base backup's or WAL snapshot's as
     * cairn-backup lists it (by source), else the snapshot's {@link SnapshotTags database tag}.
     */
    public static Optional<String> databaseOf(SnapshotInfo snapshot) {
        return PgSnapshots.database(snapshot).or(() -> SnapshotTags.databaseOf(snapshot));
    }

    /** The test for this kind. */
    public Predicate<SnapshotInfo> predicate() {
        return snapshot -> of(snapshot) == this;
    }

    /** The kind a user named, by {@link #label()}; USAGE listing the valid ones otherwise. */
    public static SnapshotKind parse(String label) {
        String wanted = label.trim().toLowerCase(Locale.ROOT);
        for (SnapshotKind kind : values()) {
            if (kind.label.equals(wanted) || kind.name().equalsIgnoreCase(wanted)) {
                return kind;
            }
        }
        throw new CairnException(ErrorCode.USAGE, "unknown snapshot kind '" + label
                + "'; use files, dump, pg-backup, pg-wal or other");
    }

    @Override
    public String toString() {
        return label;
    }
}
