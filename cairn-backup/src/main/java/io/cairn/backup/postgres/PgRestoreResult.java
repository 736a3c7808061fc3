package io.cairn.backup.postgres;

import io.cairn.backup.RecoveryTarget;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What {@code cairn pg restore} did.
 *
 * @param backupId        the backup restored
 * @param directory       the new data directory
 * @param restoreCommand  the restore_command written to postgresql.auto.conf
 * @param walFilesStaged  WAL files copied next to the data directory for recovery
 * @param reached         with start: where recovery ended
 * @param databases       with verify: the databases that answered
 * @param restoreDuration writing files and WAL
 * @param recoveryDuration with start: from server start to the end of recovery
 */
public record PgRestoreResult(String db, String backupId, String directory, RecoveryTarget target,
        String restoreCommand, long files, long bytes, int walFilesStaged, Optional<RecoveryPoint> reached,
        List<String> databases, Duration restoreDuration, Optional<Duration> recoveryDuration, List<String> warnings) {
}
