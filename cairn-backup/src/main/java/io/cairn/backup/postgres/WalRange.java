package io.cairn.backup.postgres;

import java.time.Instant;
import java.util.Optional;

/**
 * A gap-free run of archived WAL along the newest timeline's lineage.
 *
 * @param endTime when the last file of the run was stored; WAL up to {@code end} was written by then
 * @param partial the run ends in a segment the streamer stored before it was complete
 */
public record WalRange(String firstSegment, String lastSegment, Lsn start, Lsn end, Optional<Instant> endTime,
        boolean partial) {
}
