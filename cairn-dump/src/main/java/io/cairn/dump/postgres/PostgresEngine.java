package io.cairn.dump.postgres;

import io.cairn.dump.DumpFormat;
import io.cairn.dump.internal.DumpEngine;
import io.cairn.dump.internal.DumpFacts;
import io.cairn.dump.internal.DumpJob;
import io.cairn.dump.internal.LoadJob;
import io.cairn.dump.internal.LoadOutcome;
import io.cairn.dump.internal.LoadPlan;
import java.util.Set;

/** PostgreSQL dumps through pg_dump and loads through pg_restore / psql (see {@link PostgresDump}, {@link PostgresLoad}). */
public final class PostgresEngine implements DumpEngine {
    private final PostgresDump dump;
    private final PostgresLoad load;

    public PostgresEngine(PostgresTools tools) {
        this.dump = new PostgresDump(tools);
        this.load = new PostgresLoad(tools);
    }

    @Override
    public DumpFormat defaultFormat() {
        return DumpFormat.CUSTOM;
    }

    @Override
    public Set<DumpFormat> formats() {
        return Set.of(DumpFormat.PLAIN, DumpFormat.CUSTOM, DumpFormat.DIRECTORY);
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
