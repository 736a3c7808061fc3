package io.cairn.backup.postgres.internal;

import io.cairn.backup.RecoveryTarget;
import io.cairn.backup.postgres.Lsn;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Picks the backup a restore starts from: the newest one that became consistent before the
 * target. A backup restores a point only if its stop (where it became consistent) is at or
 * before that point, since PostgreSQL refuses to stop recovery before consistency.
 */
public final class BackupChooser {
    private BackupChooser() {
    }

    /** The chosen backup and, when the choice is a guess, why. */
    public record Choice(BackupCatalog.Backup backup, Optional<String> note) {
    }

    public static Choice choose(String db, List<BackupCatalog.Backup> backups, RecoveryTarget target) {
        if (backups.isEmpty()) {
            throw new CairnException(ErrorCode.NOT_FOUND, "database '" + db + "' has no backups to restore: take one with"
                    + " `cairn pg backup --db " + db + "`");
        }
        BackupCatalog.Backup oldest = backups.get(0);
        BackupCatalog.Backup newest = backups.get(backups.size() - 1);
        return switch (target.kind()) {
            case IMMEDIATE, LATEST -> new Choice(newest, Optional.empty());
            case TIME -> byTime(db, backups, target.instant().orElseThrow(), oldest);
            case LSN -> byLsn(db, backups, Lsn.parse(target.value()), oldest);
            case XID -> byXid(backups, Long.parseLong(target.value()), oldest);
            case NAME -> new Choice(oldest, Optional.of("a restore point's position is not known before replay: started"
                    + " from the oldest backup; pass a backup id to start from a newer one"));
        };
    }

    /** Checks that an explicitly chosen backup can reach the target. */
    public static void requireReachable(String db, BackupCatalog.Backup backup, RecoveryTarget target) {
        BackupManifest manifest = backup.manifest();
        boolean early = switch (target.kind()) {
            case TIME -> target.instant().orElseThrow().isBefore(manifest.stopTime());
            case LSN -> Lsn.parse(target.value()).isBefore(manifest.stopLsn());
            default -> false;
        };
        if (early) {
            throw new CairnException(ErrorCode.PRECONDITION, "database '" + db + "': target " + target.value()
                    + " is before backup " + backup.snapshot().shortId() + " became consistent (" + manifest.stopTime()
                    + ", " + manifest.stopLsn() + "): choose an older backup or a later target");
        }
    }

    private static Choice byTime(String db, List<BackupCatalog.Backup> backups, Instant time, BackupCatalog.Backup oldest) {
        for (int i = backups.size() - 1; i >= 0; i--) {
            if (!backups.get(i).manifest().stopTime().isAfter(time)) {
                return new Choice(backups.get(i), Optional.empty());
            }
        }
        throw new CairnException(ErrorCode.PRECONDITION, "database '" + db + "': target time " + time
                + " is before the oldest backup, which restores from " + oldest.manifest().stopTime()
                + " on: choose a later target (see `cairn pg backups --db " + db + "`)");
    }

    private static Choice byLsn(String db, List<BackupCatalog.Backup> backups, Lsn lsn, BackupCatalog.Backup oldest) {
        for (int i = backups.size() - 1; i >= 0; i--) {
            if (!backups.get(i).manifest().stopLsn().isAfter(lsn)) {
                return new Choice(backups.get(i), Optional.empty());
            }
        }
        throw new CairnException(ErrorCode.PRECONDITION, "database '" + db + "': target LSN " + lsn
                + " is before the oldest backup, which restores from " + oldest.manifest().stopLsn()
                + " on: choose a later target (see `cairn pg backups --db " + db + "`)");
    }

    /** A transaction that got its id after a backup stopped certainly committed after it. */
    private static Choice byXid(List<BackupCatalog.Backup> backups, long xid, BackupCatalog.Backup oldest) {
        for (int i = backups.size() - 1; i >= 0; i--) {
            if (backups.get(i).manifest().stopNextXid() <= xid) {
                return new Choice(backups.get(i), Optional.empty());
            }
        }
        return new Choice(oldest, Optional.of("transaction " + xid + " may have started before every backup: started"
                + " from the oldest; if it committed before that backup, recovery cannot stop at it"));
    }
}
