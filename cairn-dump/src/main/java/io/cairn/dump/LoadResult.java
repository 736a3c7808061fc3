package io.cairn.dump;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cairn.core.config.DatabaseType;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one load did. Never contains a secret.
 *
 * @param sourceDb      the database the dump was taken from
 * @param db            the database it was loaded into
 * @param bytesVerified dump bytes whose SHA-256 was checked against the manifest before anything was written
 * @param checksum      the dump's checksum (as recorded, and as verified)
 * @param tool          the program that loaded it ({@code pg_restore 15.8}, {@code mariadb 10.11}, or cairn for Redis/MongoDB)
 * @param counts        what was loaded, e.g. {@code keys}, {@code documents}, {@code collections}
 */
public record LoadResult(String dumpId, String shortId, String sourceDb, String db, DatabaseType type,
        DumpFormat format, List<String> tables, long bytesVerified, String checksum, String tool,
        Map<String, Long> counts, @JsonIgnore Duration duration, List<String> warnings) {

    public LoadResult {
        tables = List.copyOf(tables);
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        warnings = List.copyOf(warnings);
    }

    @JsonProperty("durationMs")
    public long durationMillis() {
        return duration.toMillis();
    }
}
