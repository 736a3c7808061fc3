package io.cairn.repository;

import java.time.Instant;

/** What {@code cairn repo init} reports and {@link Repository#info()} returns. */
public record RepositoryInfo(String id, String location, int version, Instant created, int compressionLevel,
        int packSize, String chunker, String keyId) {
}
