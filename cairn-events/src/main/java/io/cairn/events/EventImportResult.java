package io.cairn.events;

/**
 * Events of an export snapshot written into an event store, in one transaction.
 *
 * @param events    events in the snapshot (verified against its manifest, with its hash)
 * @param imported  events inserted
 * @param skipped   events already present with the same stream, version and content
 */
public record EventImportResult(String db, String snapshotId, String shortId, String sourceDb, long events,
        long imported, long skipped, String sha256) {
}
