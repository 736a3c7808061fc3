package io.cairn.backup.postgres;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a restored server's recovery ended.
 *
 * @param replayLsn       the last WAL record replayed ({@code pg_last_wal_replay_lsn()})
 * @param lastTransaction commit time of the last transaction replayed, if any was
 * @param timeline        the timeline the server runs on after promotion
 */
public record RecoveryPoint(Lsn replayLsn, Optional<Instant> lastTransaction, int timeline, String serverVersion) {
}
