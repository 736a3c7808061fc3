package io.cairn.backup.postgres;

import java.time.Duration;

/** What {@code cairn pg wal push} stored. */
public record WalPushResult(String db, String file, long bytes, String snapshotId, Duration duration) {
}
