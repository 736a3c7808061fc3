package io.cairn.repository.internal.format;

import java.time.Instant;

/**
 * The sealed {@code config} file: written last by init, so its presence means the repository
 * exists. Holds no secret (the chunker seed lives in the master key) but is sealed anyway so
 * nobody can alter the settings unnoticed.
 */
public record ConfigFile(int version, String id, Instant created, int compressionLevel, int packSize, int minChunk,
        int averageChunk, int maxChunk) {
    public static final int VERSION = 1;
}
