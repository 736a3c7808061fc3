package io.cairn.dump.redis.internal;

import io.cairn.dump.DumpFormat;
import io.cairn.dump.internal.DumpEngine;
import java.util.Set;

/** Redis dumps as RDB snapshots over the replication protocol, loads by RESTORE (see {@link RedisDump}, {@link RedisLoad}). */
public final class RedisEngine {
    private RedisEngine() {
    }

    public static DumpEngine create() {
        var dump = new RedisDump();
        var load = new RedisLoad();
        return new DumpEngine(DumpFormat.RDB, Set.of(DumpFormat.RDB), dump::run, load::plan, load::load);
    }
}
