package io.cairn.dump.mariadb.internal;

import io.cairn.dump.DumpFormat;
import io.cairn.dump.internal.DumpEngine;
import java.util.Set;

/** MariaDB and MySQL dumps through mariadb-dump/mysqldump, loads through the client (see {@link MariaDbDump}, {@link MariaDbLoad}). */
public final class MariaDbEngine {
    private MariaDbEngine() {
    }

    public static DumpEngine create(MariaDbTools tools) {
        var dump = new MariaDbDump(tools);
        var load = new MariaDbLoad(tools);
        return new DumpEngine(DumpFormat.PLAIN, Set.of(DumpFormat.PLAIN), dump::run, load::plan, load::load);
    }
}
