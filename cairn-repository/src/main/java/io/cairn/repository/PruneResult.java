package io.cairn.repository;

import java.time.Duration;

/**
 * What {@link Repository#prune} did (or, with dry run, would do).
 *
 * @param packsDeleted      packs removed (unused, repacked, or old unindexed leftovers)
 * @param packsRepacked     partly used packs whose used blobs were copied into new packs
 * @param packsWritten      new packs written by repacking
 * @param orphanPacksKept   unindexed packs left alone because they are younger than the grace period
 * @param orphanPacksAdopted unindexed packs whose blobs a snapshot uses; they were indexed
 * @param blobsRemoved      blobs no snapshot uses that are gone after prune
 * @param bytesFreed        storage bytes released (deleted packs minus new packs)
 */
public record PruneResult(boolean dryRun, int snapshots, int packsBefore, int packsDeleted, int packsRepacked,
        int packsWritten, int orphanPacksKept, int orphanPacksAdopted, long blobsUsed, long blobsRemoved,
        long bytesFreed, int indexFilesWritten, int indexFilesDeleted, int leftoversRemoved, Duration duration) {
}
