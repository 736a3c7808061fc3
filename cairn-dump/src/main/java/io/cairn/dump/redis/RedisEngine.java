package io.cairn.dump.redis;

import io.cairn.dump.DumpFormat;
import io.cairn.dump.internal.DumpEngine;
import io.cairn.dump.internal.DumpFacts;
import io.cairn.dump.internal.DumpJob;
import io.cairn.dump.internal.LoadJob;
import io.cairn.dump.internal.LoadOutcome;
import io.cairn.dump.internal.LoadPlan;
import java.util.Set;

/** Redis dumps as RDB snapshots over the replication protocol, loads by RESTORE (see {@link RedisDump}, {@link RedisLoad}). */
public final class RedisEngine implements DumpEngine {
    private final RedisDump dump = new RedisDump();
    private final RedisLoad load = new RedisLoad();

    @Override
    public DumpFormat defaultFormat() {
        return DumpFormat.RDB;
    }

    @Override
    public Set<DumpFormat> formats() {
        return Set.of(DumpFormat.RDB);
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
