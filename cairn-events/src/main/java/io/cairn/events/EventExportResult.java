package io.cairn.events;

import java.time.Instant;

/**
 * A time range of events written to the repository as one snapshot (see {@link EventSnapshots}).
 *
 * @param from      first instant included (events recorded at or after it)
 * @param to        end of the range, excluded
 * @param events    how many events the snapshot holds (also in its manifest)
 * @param sha256    hash of the snapshot's {@value EventSnapshots#EVENTS_FILE} (also in its manifest)
 * @param bytes     size of that file
 */
public record EventExportResult(String db, String snapshotId, String shortId, Instant from, Instant to, long events,
        String sha256, long bytes) {
}
