package io.cairn;

import io.cairn.backup.postgres.PostgresBackupOptions;
import io.cairn.backup.postgres.PostgresBackups;
import io.cairn.backup.postgres.WalConfig;
import io.cairn.cache.Caches;
import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.Sleeper;
import io.cairn.core.config.CairnConfig;
import io.cairn.dump.Dumps;
import io.cairn.events.Events;
import io.cairn.internal.ConfiguredSections;
import io.cairn.internal.Lazy;
import io.cairn.internal.RepositoryResolver;
import io.cairn.migrate.Migrations;
import io.cairn.repository.InitOptions;
import io.cairn.repository.Passphrase;
import io.cairn.repository.Repository;
import io.cairn.repository.RepositoryLocation;
import io.cairn.repository.RepositoryOptions;
import io.cairn.repository.RetentionPolicy;
import io.cairn.tx.Transactions;
import io.cairn.wal.WalFetchMain;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point of the Cairn library: it owns the configuration, the clock, the meter
 * registry, the {@link DataManager}, the repository and every capability, and is what the CLI,
 * the agent, {@code cairn quickstart} and the WAL entry points build on.
 *
 * <pre>{@code
 * try (Cairn cairn = Cairn.configure(Path.of("cairn.yaml")).clock(clock).meterRegistry(registry).open()) {
 *     cairn.databases().query("main", "SELECT 1");
 *     cairn.postgres().backup("main", BackupType.FULL);
 *     cairn.migrations().migrate("main");
 * }
 * }</pre>
 *
 * <p>Opening validates every configuration section and contacts nothing; each database opens on
 * first use, the repository (and its passphrase) on the first operation that needs it. Thread-safe.
 * {@link #close()} closes what was opened: events (their projections), the caches, transactions
 * (their recovery and log), the repository (releasing its locks), then the databases.
 *
 * <p>A new capability adds one accessor here, reads its configuration section in
 * {@link ConfiguredSections}, and gets the clock, sleeper, meter registry and shared objects from
 * this class: see docs/architecture.md.
 */
public final class Cairn implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Cairn.class);

    private final CairnConfig config;
    private final Clock clock;
    private final Sleeper sleeper;
    private final MeterRegistry meterRegistry;
    private final ConfiguredSections sections;
    private final RepositoryResolver repositoryResolver;
    private final RepositoryOptions repositoryOptions;
    private final Lazy<DataManager> databases;
    private final Lazy<Repository> repository;
    private final Lazy<PostgresBackups> postgres;
    private final Lazy<Dumps> dumps;
    private final Lazy<Migrations> migrations;
    private final Lazy<Transactions> transactions;
    private final Lazy<Caches> cache;
    private final Lazy<Events> events;
    private volatile boolean closed;

    Cairn(CairnBuilder builder) {
        this.config = builder.config;
        this.clock = builder.clock;
        this.sleeper = builder.sleeper;
        this.meterRegistry = builder.meterRegistry;
        this.sections = ConfiguredSections.read(config);
        this.repositoryResolver = new RepositoryResolver(builder.repositoryUrl, builder.passwordFile,
                sections.repository(), builder.prompt);
        this.repositoryOptions = builder.repositoryOptions.apply(RepositoryOptions.defaults()).withClock(clock);
        this.databases = new Lazy<>(() -> DataManager.builder(config).clock(clock).sleeper(sleeper)
                .meterRegistry(meterRegistry).open());
        this.repository = new Lazy<>(this::openRepository);
        PostgresBackupOptions postgresOptions = builder.postgresOptions.apply(PostgresBackupOptions.defaults())
                .withClock(clock).withSleeper(sleeper).withWalFetchMain(WalFetchMain.class);
        this.postgres = new Lazy<>(() -> new PostgresBackups(databases(), repository(), postgresOptions));
        this.dumps = new Lazy<>(() -> {
            Dumps.Builder dumpBuilder = Dumps.builder(databases(), repository()).clock(clock);
            builder.dumpOptions.accept(dumpBuilder);
            return dumpBuilder.build();
        });
        this.migrations = new Lazy<>(() -> {
            Migrations.Builder migrationBuilder = Migrations.builder(databases()).settings(sections.migrations())
                    .clock(clock).sleeper(sleeper);
            builder.migrationOptions.accept(migrationBuilder);
            return migrationBuilder.build();
        });
        this.transactions = new Lazy<>(() -> Transactions.open(databases(), sections.transactions(), sections.outbox(),
                clock, sleeper, meterRegistry));
        this.cache = new Lazy<>(() -> Caches.open(databases(), sections.cache(), clock, sleeper, meterRegistry));
        this.events = new Lazy<>(() -> Events.open(databases(), transactions(), sections.events(), clock, sleeper,
                meterRegistry, this::repository));
    }

    /** Options for the configuration file at {@code file} (loaded and validated now). */
    public static CairnBuilder configure(Path file) {
        return new CairnBuilder(CairnConfig.load(file));
    }

    /** Options for a configuration loaded or built already. */
    public static CairnBuilder configure(CairnConfig config) {
        return new CairnBuilder(config);
    }

    /** Options without a configuration file: no databases; the repository comes from the builder or the environment. */
    public static CairnBuilder withoutConfiguration() {
        return new CairnBuilder(CairnConfig.of(List.of()));
    }

    public CairnConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    public MeterRegistry meterRegistry() {
        return meterRegistry;
    }

    /** Pools, queries, native commands and health of the configured databases; each opens on first use. */
    public DataManager databases() {
        requireOpen();
        return databases.get();
    }

    /** The repository, opened on first use with the passphrase rule of {@link CairnBuilder}. */
    public Repository repository() {
        requireOpen();
        return repository.get();
    }

    /**
     * Creates the repository where the rule says it is (asking for the passphrase twice on a prompt)
     * and makes it this facade's repository.
     */
    public Repository initRepository(InitOptions options) {
        requireOpen();
        RepositoryLocation location = repositoryResolver.location();
        Passphrase passphrase = repositoryResolver.passphrase(true);
        Repository created;
        try {
            created = Repository.init(location.open(), passphrase, options, repositoryOptions);
        } finally {
            passphrase.clear();
        }
        if (!repository.offer(created)) {
            created.close();
            throw new CairnException(ErrorCode.PRECONDITION, "this Cairn already opened a repository; init needs a new one");
        }
        return created;
    }

    /** Where the repository is (without opening it). */
    public RepositoryLocation repositoryLocation() {
        return repositoryResolver.location();
    }

    /** The file the repository passphrase comes from, when it comes from one (restores pass it to restore_command). */
    public Optional<Path> repositoryPasswordFile() {
        return repositoryResolver.passwordFile();
    }

    /** The repository passphrase by the rule of {@link CairnBuilder} (key commands need it); clear it after use. */
    public Passphrase repositoryPassphrase() {
        return repositoryResolver.passphrase(false);
    }

    /** PostgreSQL physical backups, WAL archiving and point-in-time restore. */
    public PostgresBackups postgres() {
        requireOpen();
        return postgres.get();
    }

    /** Logical dumps and loads. */
    public Dumps dumps() {
        requireOpen();
        return dumps.get();
    }

    /** Versioned, undo and repeatable migrations, with the {@code migrations:} settings. */
    public Migrations migrations() {
        requireOpen();
        return migrations.get();
    }

    /** Local transactions and two-phase commit across databases, with the {@code transactions:} settings. */
    public Transactions transactions() {
        requireOpen();
        return transactions.get();
    }

    /** The two-level caches (Caffeine L1, Redis L2) and query caches, with the {@code cache:} settings. */
    public Caches cache() {
        requireOpen();
        return cache.get();
    }

    /**
     * CQRS on PostgreSQL, with the {@code events:} settings: event stores, command buses (in
     * {@link #transactions()}), projections of this JVM (stopped on {@link #close()}).
     */
    public Events events() {
        requireOpen();
        return events.get();
    }

    /** The {@code wal:} settings: which databases are streamed, and each one's streaming options. */
    public WalConfig wal() {
        return sections.wal();
    }

    /** The {@code retention:} policy, when the configuration has one. */
    public Optional<RetentionPolicy> retention() {
        return sections.retention();
    }

    private Repository openRepository() {
        RepositoryLocation location = repositoryResolver.location(); // "no repository" before asking for its passphrase
        Passphrase passphrase = repositoryResolver.passphrase(false);
        try {
            return Repository.open(location.open(), passphrase, repositoryOptions);
        } finally {
            passphrase.clear();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new CairnException(ErrorCode.PRECONDITION, "this Cairn is closed (open a new one)");
        }
    }

    /**
     * Closes the repository (releasing its locks, also those of operations still running, as when
     * a shutdown hook closes it on Ctrl-C) and the databases, if they were opened. Idempotent and
     * safe to call from another thread.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            closeQuietly(events, Events::close, "events");
            closeQuietly(cache, Caches::close, "the caches");
            closeQuietly(transactions, Transactions::close, "transactions");
            closeQuietly(repository, Repository::close, "the repository");
        } finally {
            databases.ifOpened().ifPresent(DataManager::close);
        }
    }

    /** Closes a capability if it was opened; a failure is logged so that the ones after it still close. */
    private static <T> void closeQuietly(Lazy<T> capability, Consumer<T> close, String what) {
        try {
            capability.ifOpened().ifPresent(close);
        } catch (RuntimeException e) {
            LOG.warn("closing {} failed: {}", what, e.toString());
        }
    }

    @Override
    public String toString() {
        return "Cairn[config=" + config.source() + ", databases=" + config.databases().keySet() + "]";
    }
}
