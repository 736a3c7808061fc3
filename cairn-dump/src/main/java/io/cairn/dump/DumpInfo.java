package io.cairn.dump;

import io.cairn.core.config.DatabaseType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A dump as {@link Dumps#list} reports it. Never contains a secret.
 *
 * @param database        the database name on the server (PostgreSQL/MariaDB/MongoDB) or index (Redis)
 * @param tables          the tables or collections the dump was limited to; empty = all
 * @param bytes           size of the dump
 * @param storedBytes     what the dump added to the repository when it was written (compressed, encrypted)
 * @param dedupSavings    1 - storedBytes / bytes: the share of the dump that deduplication and compression saved
 * @param sourceUrl       where it came from (the configured URL; no password)
 */
public record DumpInfo(String dumpId, String shortId, Instant time, String db, DatabaseType type,
        Optional<String> database, String sourceUrl, DumpFormat format, boolean schemaOnly, boolean dataOnly,
        List<String> tables, String serverVersion, String tool, long bytes, long storedBytes, double dedupSavings,
        String checksum, List<DumpEntry> entries, List<String> tags) {

    public DumpInfo {
        tables = List.copyOf(tables);
        entries = List.copyOf(entries);
        tags = List.copyOf(tags);
    }
}
