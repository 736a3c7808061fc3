package io.cairn.dump.internal;

import io.cairn.dump.DumpFormat;
import java.util.Set;

/**
 * Dumps and loads one kind of database; one implementation per database lives in
 * {@code io.cairn.dump.<database>}. The facade ({@code Dumps}) owns the snapshot, the manifest
 * and verification; an engine only moves bytes between the database and the job it is given.
 */
public interface DumpEngine {

    /** The format used when the options name none. */
    DumpFormat defaultFormat();

    /** The formats this database can be dumped in. */
    Set<DumpFormat> formats();

    /** Writes the dump's files through {@code job.writer()}; throws a CairnException on any failure. */
    DumpFacts dump(DumpJob job);

    /**
     * Checks the target and options without writing anything (emptiness, tools, versions) and
     * says which files the load needs. Runs before verification, so a wrong target fails fast.
     */
    LoadPlan plan(LoadJob job);

    /**
     * Loads the planned files. When the plan does not materialize, the facade has verified
     * every planned file before this is called; when it does, the engine materializes (and
     * thereby verifies) every file before it starts writing to the database.
     */
    LoadOutcome load(LoadJob job, LoadPlan plan);
}
