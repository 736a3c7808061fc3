package io.cairn.backup.postgres;

import java.time.Duration;
import java.util.List;

/**
 * What {@code cairn pg verify} found: the backup restored into a scratch directory, started,
 * recovered to its consistent point and answered on every database; the scratch copy is gone.
 */
public record PgVerifyResult(String db, String backupId, RecoveryPoint reached, List<String> databases,
        long bytes, Duration duration) {
}
