package io.cairn.dump.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.core.CairnException;
import io.cairn.core.CairnJson;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseType;
import io.cairn.dump.DumpEntry;
import io.cairn.dump.DumpFormat;
import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The description of one dump, stored as {@code manifest.json} in its snapshot after every dump
 * file (so its checksums are complete): where it came from, with which tool, what it holds and
 * the SHA-256 of each file. Loads verify the files against it before writing anything.
 *
 * @param database  the database name (PostgreSQL, MariaDB, MongoDB) or index (Redis) of the source URL
 * @param sourceUrl the source's configured URL, which never holds a password
 * @param arguments the tool's arguments (no secrets: passwords go through the environment or a 0600 file)
 * @param details   facts specific to the database, e.g. the RDB version or the index-to-table map
 */
public record DumpManifest(int version, String db, DatabaseType type, Optional<String> database, String sourceUrl,
        String serverVersion, String tool, String toolVersion, DumpFormat format, boolean schemaOnly,
        boolean dataOnly, List<String> tables, int jobs, List<String> arguments, Instant started, Instant finished,
        long bytes, String checksum, List<DumpEntry> entries, Map<String, Object> details) {
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = CairnJson.mapper();

    public DumpManifest {
        tables = List.copyOf(tables);
        arguments = List.copyOf(arguments);
        entries = List.copyOf(entries);
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public byte[] toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new CairnException(ErrorCode.INTERNAL, "cannot write the manifest of dump of '" + db + "'", e);
        }
    }

    public static DumpManifest parse(byte[] json, String snapshot) {
        try {
            DumpManifest manifest = JSON.readValue(json, DumpManifest.class);
            if (manifest.version() > VERSION) {
                throw new CairnException(ErrorCode.PRECONDITION, "dump " + snapshot + " has manifest version "
                        + manifest.version() + ", newer than this Cairn understands (" + VERSION + "); upgrade Cairn");
            }
            return manifest;
        } catch (IOException e) {
            throw new CairnException(ErrorCode.INTEGRITY, "dump " + snapshot + ": its manifest.json is not readable ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** The tool with its version, e.g. {@code pg_dump 15.8}. */
    public String toolDescription() {
        return toolVersion.isEmpty() ? tool : tool + " " + toolVersion;
    }

    /** An entry by name. */
    public Optional<DumpEntry> entry(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public Optional<Object> detail(String key) {
        return Optional.ofNullable(details.get(key));
    }

    public long longDetail(String key, long fallback) {
        return detail(key).filter(Number.class::isInstance).map(v -> ((Number) v).longValue()).orElse(fallback);
    }
}
