package io.cairn.dump.postgres.internal;

import io.cairn.dump.DumpFormat;
import io.cairn.dump.internal.DumpEngine;
import io.cairn.dump.postgres.PostgresTools;
import java.util.Set;

/** PostgreSQL dumps through pg_dump and loads through pg_restore / psql (see {@link PostgresDump}, {@link PostgresLoad}). */
public final class PostgresEngine {
    private PostgresEngine() {
    }

    public static DumpEngine create(PostgresTools tools) {
        var dump = new PostgresDump(tools);
        var load = new PostgresLoad(tools);
        Set<DumpFormat> formats = Set.of(DumpFormat.PLAIN, DumpFormat.CUSTOM, DumpFormat.DIRECTORY);
        return new DumpEngine(DumpFormat.CUSTOM, formats, dump::run, load::plan, load::load);
    }
}
