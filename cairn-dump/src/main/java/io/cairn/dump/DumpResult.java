package io.cairn.dump;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cairn.core.config.DatabaseType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one dump did. Never contains a secret.
 *
 * @param dumpId          the snapshot holding the dump (64 hex digits); {@code shortId} is its first 8
 * @param serverVersion   as the server reported it
 * @param tool            the program and version that wrote the dump, e.g. {@code pg_dump 15.8}
 * @param bytes           size of the dump (all its files)
 * @param checksum        SHA-256 of the dump stream (of the list of file checksums when there are several files)
 * @param dataAdded       new content the repository had to store (before compression); the rest was deduplicated
 * @param dataAddedStored the same after compression and encryption: what this dump made the repository grow by
 */
public record DumpResult(String dumpId, String shortId, String db, DatabaseType type, DumpFormat format,
        String serverVersion, String tool, Instant time, long bytes, int files, String checksum, long dataAdded,
        long dataAddedStored, @JsonIgnore Duration duration, List<String> warnings) {

    public DumpResult {
        warnings = List.copyOf(warnings);
    }

    @JsonProperty("durationMs")
    public long durationMillis() {
        return duration.toMillis();
    }
}
