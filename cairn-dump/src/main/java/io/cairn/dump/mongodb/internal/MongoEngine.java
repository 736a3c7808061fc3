package io.cairn.dump.mongodb.internal;

import io.cairn.dump.DumpFormat;
import io.cairn.dump.internal.DumpEngine;
import java.util.Set;

/** MongoDB dumps and loads through the official driver (see {@link MongoDump}, {@link MongoLoad}). */
public final class MongoEngine {
    private MongoEngine() {
    }

    public static DumpEngine create() {
        var dump = new MongoDump();
        var load = new MongoLoad();
        return new DumpEngine(DumpFormat.BSON, Set.of(DumpFormat.BSON), dump::run, load::plan, load::load);
    }
}
