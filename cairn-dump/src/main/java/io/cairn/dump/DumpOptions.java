package io.cairn.dump;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one dump contains. Validated here at once; whether an option suits the database is
 * checked when the dump starts (e.g. {@code jobs} needs a PostgreSQL directory dump).
 *
 * @param format     empty = the database's default (PostgreSQL custom, MariaDB plain, Redis rdb, MongoDB bson)
 * @param schemaOnly only definitions, no rows (SQL databases)
 * @param dataOnly   only rows, no definitions (SQL databases)
 * @param tables     only these tables (schema-qualified or not) or, for MongoDB, collections; empty = all
 * @param jobs       parallel dump workers (PostgreSQL directory format only)
 * @param tags       extra snapshot tags, besides {@code dump} and {@code db:<id>}
 */
public record DumpOptions(Optional<DumpFormat> format, boolean schemaOnly, boolean dataOnly, List<String> tables,
        int jobs, List<String> tags) {

    public DumpOptions {
        Objects.requireNonNull(format, "format");
        tables = List.copyOf(Objects.requireNonNull(tables, "tables"));
        tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
        if (schemaOnly && dataOnly) {
            throw new CairnException(ErrorCode.USAGE, "schema-only and data-only exclude each other; choose one");
        }
        if (jobs < 1 || jobs > 64) {
            throw new CairnException(ErrorCode.USAGE, "jobs must be between 1 and 64, got " + jobs);
        }
        for (String table : tables) {
            if (table.isBlank()) {
                throw new CairnException(ErrorCode.USAGE, "an empty table name was given");
            }
        }
    }

    /** Everything, in the database's default format, one job. */
    public static DumpOptions defaults() {
        return new DumpOptions(Optional.empty(), false, false, List.of(), 1, List.of());
    }

    public DumpOptions withFormat(DumpFormat value) {
        return new DumpOptions(Optional.of(value), schemaOnly, dataOnly, tables, jobs, tags);
    }

    public DumpOptions withSchemaOnly() {
        return new DumpOptions(format, true, false, tables, jobs, tags);
    }

    public DumpOptions withDataOnly() {
        return new DumpOptions(format, false, true, tables, jobs, tags);
    }

    public DumpOptions withTables(String... values) {
        return new DumpOptions(format, schemaOnly, dataOnly, List.of(values), jobs, tags);
    }

    public DumpOptions withJobs(int value) {
        return new DumpOptions(format, schemaOnly, dataOnly, tables, value, tags);
    }

    public DumpOptions withTags(String... values) {
        return new DumpOptions(format, schemaOnly, dataOnly, tables, jobs, List.of(values));
    }
}
