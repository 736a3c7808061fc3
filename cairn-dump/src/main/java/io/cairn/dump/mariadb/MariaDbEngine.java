package io.cairn.dump.mariadb;

import io.cairn.dump.DumpFormat;
import io.cairn.dump.internal.DumpEngine;
import io.cairn.dump.internal.DumpFacts;
import io.cairn.dump.internal.DumpJob;
import io.cairn.dump.internal.LoadJob;
import io.cairn.dump.internal.LoadOutcome;
import io.cairn.dump.internal.LoadPlan;
import java.util.Set;

/** MariaDB and MySQL dumps through mariadb-dump/mysqldump, loads through the client (see {@link MariaDbDump}, {@link MariaDbLoad}). */
public final class MariaDbEngine implements DumpEngine {
    private final MariaDbDump dump;
    private final MariaDbLoad load;

    public MariaDbEngine(MariaDbTools tools) {
        this.dump = new MariaDbDump(tools);
        this.load = new MariaDbLoad(tools);
    }

    @Override
    public DumpFormat defaultFormat() {
        return DumpFormat.PLAIN;
    }

    @Override
    public Set<DumpFormat> formats() {
        return Set.of(DumpFormat.PLAIN);
    }

    @Override
    public DumpFacts dump(DumpJob job) {
        return dump.run(job);
    }

    @Override
    public LoadPlan plan(LoadJob job) {
        return load.plan(job);
    }

    @Override
    public LoadOutcome load(LoadJob job, LoadPlan plan) {
        return load.load(job, plan);
    }
}
