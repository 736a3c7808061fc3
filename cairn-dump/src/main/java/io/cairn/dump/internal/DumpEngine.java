package io.cairn.dump.internal;

import io.cairn.dump.DumpFormat;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Dumps and loads one kind of database; the classes that move the bytes live in
 * {@code io.cairn.dump.<database>.internal}, whose {@code *Engine.create} assembles this. The facade
 * ({@code Dumps}) owns the snapshot, the manifest and verification; an engine only moves bytes
 * between the database and the job it is given.
 *
 * @param defaultFormat the format used when the options name none
 * @param formats       the formats this database can be dumped in
 */
public record DumpEngine(DumpFormat defaultFormat, Set<DumpFormat> formats, Function<DumpJob, DumpFacts> dumper,
        Function<LoadJob, LoadPlan> planner, BiFunction<LoadJob, LoadPlan, LoadOutcome> loader) {

    public DumpEngine {
        formats = Set.copyOf(formats);
    }

    /** Writes the dump's files through {@code job.writer()}; throws a CairnException on any failure. */
    public DumpFacts dump(DumpJob job) {
        return dumper.apply(job);
    }

    /**
     * Checks the target and options without writing anything (emptiness, tools, versions) and
     * says which files the load needs. Runs before verification, so a wrong target fails fast.
     */
    public LoadPlan plan(LoadJob job) {
        return planner.apply(job);
    }

    /**
     * Loads the planned files. When the plan does not materialize, the facade has verified
     * every planned file before this is called; when it does, the engine materializes (and
     * thereby verifies) every file before it starts writing to the database.
     */
    public LoadOutcome load(LoadJob job, LoadPlan plan) {
        return loader.apply(job, plan);
    }
}
