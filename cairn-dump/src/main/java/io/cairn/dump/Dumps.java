package io.cairn.dump;

import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.dump.internal.DumpChunker;
import io.cairn.dump.internal.DumpEngine;
import io.cairn.dump.internal.DumpFacts;
import io.cairn.dump.internal.DumpJob;
import io.cairn.dump.internal.DumpManifest;
import io.cairn.dump.internal.DumpReader;
import io.cairn.dump.internal.DumpWriter;
import io.cairn.dump.internal.Engines;
import io.cairn.dump.postgres.PostgresTools;
import io.cairn.dump.internal.LoadJob;
import io.cairn.dump.internal.LoadOutcome;
import io.cairn.dump.internal.LoadPlan;
import io.cairn.dump.internal.ProgressReporter;
import io.cairn.dump.internal.RepositoryGateway;
import io.cairn.dump.internal.Sha256;
import io.cairn.dump.internal.StoredDump;
import io.cairn.repository.BackupResult;
import io.cairn.repository.ProgressListener;
import io.cairn.repository.Repository;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logical dumps of the configured databases, stored in a Cairn repository where daily dumps
 * deduplicate against each other. Built from the {@link DataManager} that knows the databases
 * and the {@link Repository} that stores the dumps; both stay owned by the caller.
 *
 * <pre>{@code
 * Dumps dumps = Dumps.of(dataManager, repository);
 * DumpResult dump = dumps.dump("main", DumpOptions.defaults());
 * dumps.load(dump.shortId(), "staging", LoadOptions.defaults().withCreate());
 * }</pre>
 *
 * A dump is visible only once complete (its snapshot is committed last); a load verifies the
 * SHA-256 of every file it needs against the dump's manifest before it writes anything.
 */
public final class Dumps {
    private static final Logger LOG = LoggerFactory.getLogger(Dumps.class);

    private final DataManager dataManager;
    private final RepositoryGateway gateway;
    private final Engines engines;
    private final Clock clock;
    private final Path temporaryDirectory;

    private Dumps(Builder builder) {
        this.dataManager = builder.dataManager;
        this.clock = builder.clock;
        this.temporaryDirectory = builder.temporaryDirectory;
        this.gateway = new RepositoryGateway(builder.repository, clock, DumpChunker.forRepository(builder.repository));
        this.engines = Engines.standard(builder.postgresTools);
    }

    public static Dumps of(DataManager dataManager, Repository repository) {
        return builder(dataManager, repository).build();
    }

    public static Builder builder(DataManager dataManager, Repository repository) {
        return new Builder(dataManager, repository);
    }

    public DumpResult dump(String db, DumpOptions options) {
        return dump(db, options, ProgressListener.NONE);
    }

    /** Dumps one configured database into a new snapshot; {@code listener} hears of the bytes streamed. */
    public DumpResult dump(String db, DumpOptions options, ProgressListener listener) {
        DatabaseConfig source = dataManager.config().database(db);
        DumpEngine engine = engines.forType(source.type());
        DumpFormat format = options.format().orElse(engine.defaultFormat());
        engines.checkDumpOptions(source, engine, format, options);
        Instant started = clock.instant();
        ProgressReporter progress = new ProgressReporter("dump", clock, listener);
        try (DumpWriter writer = gateway.begin(source, options.tags(), progress)) {
            DumpFacts facts = engine.dump(new DumpJob(dataManager, source, options, format, writer, temporaryDirectory));
            List<DumpEntry> entries = writer.entries();
            DumpManifest manifest = new DumpManifest(DumpManifest.VERSION, db, source.type(), facts.database(),
                    source.url().toString(), facts.serverVersion(), facts.tool(), facts.toolVersion(), format,
                    options.schemaOnly(), options.dataOnly(), options.tables(), options.jobs(), facts.arguments(),
                    started, clock.instant(), writer.bytes(), Sha256.ofEntries(entries), entries, facts.details());
            BackupResult committed = writer.commit(manifest);
            LOG.info("database '{}': dump {} saved ({} bytes, {} new after dedup)", db, committed.shortId(),
                    manifest.bytes(), committed.dataAddedStored());
            return new DumpResult(committed.snapshotId(), committed.shortId(), db, source.type(), format,
                    facts.serverVersion(), manifest.toolDescription(), started, manifest.bytes(), entries.size(),
                    manifest.checksum(), committed.dataAdded(), committed.dataAddedStored(),
                    Duration.between(started, clock.instant()), facts.warnings());
        }
    }

    /** The dumps in the repository (of one database, if given), oldest first. */
    public List<DumpInfo> list(Optional<String> db) {
        return gateway.list(db).stream().map(Dumps::info).toList();
    }

    /**
     * One dump by snapshot id or unique prefix, {@code latest} (the newest dump of {@code db}),
     * or {@code latest:<db>}.
     */
    public DumpInfo info(String reference, String db) {
        return info(find(reference, db));
    }

    public LoadResult load(String reference, String db, LoadOptions options) {
        return load(reference, db, options, ProgressListener.NONE);
    }

    /**
     * Loads a dump into a configured database: checks the target (refusing a non-empty one
     * unless {@code clean} or {@code force}), verifies every needed file of the dump against its
     * manifest, and only then writes.
     */
    public LoadResult load(String reference, String db, LoadOptions options, ProgressListener listener) {
        DatabaseConfig target = dataManager.config().database(db);
        StoredDump dump = find(reference, db);
        DumpManifest manifest = dump.manifest();
        engines.checkCompatible(manifest, target, dump.shortId());
        DumpEngine engine = engines.forType(target.type());
        Instant started = clock.instant();
        ProgressReporter progress = new ProgressReporter("load", clock, listener);
        DumpReader reader = new DumpReader(gateway, dump, progress);
        LoadJob job = new LoadJob(dataManager, target, reader, options, temporaryDirectory);
        LoadPlan plan = engine.plan(job);
        progress.totals(plan.entries().size(), plan.materialize() ? plan.bytes() : 2 * plan.bytes());
        if (!plan.materialize()) {
            try {
                reader.verify(plan.entries());
            } catch (CairnException e) {
                throw new CairnException(e.code(), e.getMessage() + "; nothing was written to '" + db + "'", e);
            }
            LOG.info("dump {}: {} file(s), {} bytes verified; loading into '{}'", dump.shortId(), plan.entries().size(),
                    reader.bytesVerified(), db);
        }
        LoadOutcome outcome = engine.load(job, plan);
        progress.finish();
        List<String> warnings = new ArrayList<>(plan.warnings());
        warnings.addAll(outcome.warnings());
        return new LoadResult(dump.id(), dump.shortId(), manifest.db(), db, target.type(), manifest.format(),
                options.tables(), reader.bytesVerified(), manifest.checksum(), plan.tool(), outcome.counts(),
                Duration.between(started, clock.instant()), warnings);
    }

    private StoredDump find(String reference, String db) {
        String trimmed = reference.trim();
        if (trimmed.equals("latest") || trimmed.startsWith("latest:")) {
            String source = trimmed.equals("latest") ? db : trimmed.substring("latest:".length());
            List<StoredDump> dumps = gateway.list(Optional.of(source));
            if (dumps.isEmpty()) {
                throw new CairnException(ErrorCode.NOT_FOUND, "there is no dump of database '" + source + "' in "
                        + gateway + " (make one with 'cairn dump --db " + source + "')");
            }
            return dumps.get(dumps.size() - 1);
        }
        return gateway.find(trimmed);
    }

    private static DumpInfo info(StoredDump dump) {
        DumpManifest manifest = dump.manifest();
        long stored = dump.snapshot().dataAddedStored();
        double savings = manifest.bytes() == 0 ? 0 : Math.max(0, 1 - (double) stored / manifest.bytes());
        return new DumpInfo(dump.id(), dump.shortId(), dump.snapshot().time(), manifest.db(), manifest.type(),
                manifest.database(), manifest.sourceUrl(), manifest.format(), manifest.schemaOnly(), manifest.dataOnly(),
                manifest.tables(), manifest.serverVersion(), manifest.toolDescription(), manifest.bytes(), stored,
                savings, manifest.checksum(), manifest.entries(), dump.snapshot().tags());
    }

    /** Options of a {@link Dumps}; every one has a default. */
    public static final class Builder {
        private final DataManager dataManager;
        private final Repository repository;
        private Clock clock = Clock.systemUTC();
        private Path temporaryDirectory = Path.of(System.getProperty("java.io.tmpdir"));
        private PostgresTools postgresTools = PostgresTools.system();

        private Builder(DataManager dataManager, Repository repository) {
            this.dataManager = Objects.requireNonNull(dataManager, "dataManager");
            this.repository = Objects.requireNonNull(repository, "repository");
        }

        /** Time source for manifests and durations (default: system UTC). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Where PostgreSQL directory dumps and parallel loads put their files while they stream
         * (default: java.io.tmpdir). Plain and custom dumps never write the dump to disk.
         */
        public Builder temporaryDirectory(Path value) {
            this.temporaryDirectory = Objects.requireNonNull(value, "temporaryDirectory");
            return this;
        }

        /**
         * Use only the pg_dump, pg_restore and psql in {@code binDirectory} (default: the newest
         * suitable ones on the search path of {@link PostgresTools}, or {@code $CAIRN_POSTGRES_BIN}).
         */
        public Builder postgresClients(Path binDirectory) {
            this.postgresTools = PostgresTools.in(Objects.requireNonNull(binDirectory, "binDirectory"));
            return this;
        }

        public Dumps build() {
            return new Dumps(this);
        }
    }
}
