package io.cairn.dump.mongodb;

import io.cairn.dump.DumpFormat;
import io.cairn.dump.internal.DumpEngine;
import io.cairn.dump.internal.DumpFacts;
import io.cairn.dump.internal.DumpJob;
import io.cairn.dump.internal.LoadJob;
import io.cairn.dump.internal.LoadOutcome;
import io.cairn.dump.internal.LoadPlan;
import java.util.Set;

/** MongoDB dumps and loads through the official driver (see {@link MongoDump}, {@link MongoLoad}). */
public final class MongoEngine implements DumpEngine {
    private final MongoDump dump = new MongoDump();
    private final MongoLoad load = new MongoLoad();

    @Override
    public DumpFormat defaultFormat() {
        return DumpFormat.BSON;
    }

    @Override
    public Set<DumpFormat> formats() {
        return Set.of(DumpFormat.BSON);
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
