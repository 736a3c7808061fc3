package io.cairn.migrate;

import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.migrate.internal.Backends;
import io.cairn.migrate.internal.MigrationScanner;
import io.cairn.migrate.internal.Migrator;
import io.cairn.migrate.internal.NewMigrationFiles;
import io.cairn.migrate.internal.SettingsReader;
import java.nio.file.Path;
import io.cairn.core.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Schema migrations for every database of a {@link DataManager}: versioned ({@code V1__x}),
 * undo ({@code U1__x}) and repeatable ({@code R__x}) files in SQL, Redis commands or MongoDB
 * commands, plus Java migrations, with a history per database, checksums, a lock per database
 * and dry runs. {@code Migrations.of(dm).migrate()} at service start-up brings every database
 * up to date. Thread-safe; holds no resources of its own.
 */
public final class Migrations {
    private final DataManager dataManager;
    private final Map<String, MigrationSettings> settings;
    private final Map<String, List<JavaMigration>> javaMigrations;
    private final Optional<MigrationVersion> defaultTarget;
    private final Clock clock;
    private final Sleeper sleeper;
    private final MigrationListener listener;

    private Migrations(Builder builder) {
        this.dataManager = builder.dataManager;
        Map<String, MigrationSettings> read = builder.settings.orElseGet(() -> SettingsReader.read(dataManager.config()));
        Map<String, MigrationSettings> adjusted = new LinkedHashMap<>();
        read.forEach((db, value) -> adjusted.put(db, builder.apply(db, value)));
        this.settings = adjusted;
        Map<String, List<JavaMigration>> java = new LinkedHashMap<>();
        builder.javaMigrations.forEach((db, list) -> java.put(db, List.copyOf(list)));
        this.javaMigrations = java;
        this.defaultTarget = builder.target;
        this.clock = builder.clock;
        this.sleeper = builder.sleeper;
        this.listener = builder.listener;
    }

    /** Migrations with the settings of the configuration's {@code migrations:} section. */
    public static Migrations of(DataManager dataManager) {
        return builder(dataManager).build();
    }

    public static Builder builder(DataManager dataManager) {
        return new Builder(dataManager);
    }

    /** The effective settings of one database. */
    public MigrationSettings settings(String db) {
        dataManager.config().database(db);
        return settings.get(db);
    }

    /** Migrates every configured database, in configuration order, up to the builder's target (default: latest). */
    public List<MigrateResult> migrate() {
        return forEach(db -> migrate(db, defaultTarget));
    }

    public MigrateResult migrate(String db) {
        return migrate(db, defaultTarget);
    }

    /** Applies pending migrations up to {@code target} (inclusive; empty = latest), then new or changed repeatables. */
    public MigrateResult migrate(String db, Optional<MigrationVersion> target) {
        return migrator(db).migrate(target);
    }

    /** What {@link #migrate(String, Optional)} would run, statement by statement; changes nothing, takes no lock. */
    public DryRunResult dryRun(String db, Optional<MigrationVersion> target) {
        return migrator(db).dryRun(target);
    }

    public DryRunResult dryRun(String db) {
        return dryRun(db, defaultTarget);
    }

    public List<DryRunResult> dryRun() {
        return forEach(db -> dryRun(db, defaultTarget));
    }

    public InfoResult info(String db) {
        return migrator(db).info();
    }

    public List<InfoResult> info() {
        return forEach(this::info);
    }

    public ValidateResult validate(String db) {
        return migrator(db).validate();
    }

    public List<ValidateResult> validate() {
        return forEach(this::validate);
    }

    /** Undoes the newest applied version with its U file (or Java undo). */
    public UndoResult undo(String db) {
        return migrator(db).undo(Optional.empty());
    }

    /** Undoes every applied version above {@code version}, newest first; all undo files are checked first. */
    public UndoResult undoTo(String db, MigrationVersion version) {
        return migrator(db).undo(Optional.of(Objects.requireNonNull(version, "version")));
    }

    /** Marks an existing database as being at {@code version}: versions up to it never run. */
    public BaselineResult baseline(String db, MigrationVersion version, String description) {
        return migrator(db).baseline(Objects.requireNonNull(version, "version"), description);
    }

    public BaselineResult baseline(String db, MigrationVersion version) {
        return baseline(db, version, "baseline");
    }

    /** Removes failed entries, re-aligns changed checksums and marks vanished files deleted. */
    public RepairResult repair(String db) {
        return migrator(db).repair();
    }

    public List<RepairResult> repair() {
        return forEach(this::repair);
    }

    /** Creates the next versioned file (and its undo file) for {@code db}, numbered after the highest existing one. */
    public NewMigrationResult newMigration(String db, String name) {
        DatabaseConfig database = dataManager.config().database(db);
        MigrationSettings own = settings.get(db);
        return NewMigrationFiles.create(db, database.type(), own.location(),
                MigrationScanner.scan(db, database.type(), own.location(), javaMigrations.getOrDefault(db, List.of())), name);
    }

    private Migrator migrator(String db) {
        DatabaseConfig database = dataManager.config().database(db);
        MigrationSettings own = settings.get(db);
        List<JavaMigration> java = javaMigrations.getOrDefault(db, List.of());
        String installedBy = own.installedBy().or(database::user)
                .orElseGet(() -> System.getProperty("user.name", "cairn"));
        return new Migrator(db, database.type(), Backends.create(dataManager, database, own, clock, sleeper),
                () -> MigrationScanner.scan(db, database.type(), own.location(), java), own.outOfOrder(), clock,
                listener, installedBy);
    }

    private <T> List<T> forEach(Function<String, T> operation) {
        List<T> results = new ArrayList<>();
        for (String db : dataManager.databaseIds()) {
            results.add(operation.apply(db));
        }
        return results;
    }

    /** Options; each setter checks its argument at once. Builder values override the configuration. */
    public static final class Builder {
        private final DataManager dataManager;
        private Optional<Path> location = Optional.empty();
        private final Map<String, Path> locations = new LinkedHashMap<>();
        private Optional<MigrationVersion> target = Optional.empty();
        private Optional<Boolean> outOfOrder = Optional.empty();
        private Optional<Duration> lockTimeout = Optional.empty();
        private Optional<Duration> lease = Optional.empty();
        private Optional<String> installedBy = Optional.empty();
        private final Map<String, List<JavaMigration>> javaMigrations = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private MigrationListener listener = MigrationListener.NONE;
        private Optional<Map<String, MigrationSettings>> settings = Optional.empty();

        private Builder(DataManager dataManager) {
            this.dataManager = Objects.requireNonNull(dataManager, "dataManager");
        }

        /** The root directory: each database's files are in {@code <location>/<db id>}. */
        public Builder location(Path root) {
            this.location = Optional.of(Objects.requireNonNull(root, "root"));
            return this;
        }

        /** The directory of one database's files. */
        public Builder location(String db, Path directory) {
            dataManager.config().database(db);
            locations.put(db, Objects.requireNonNull(directory, "directory"));
            return this;
        }

        /** The version {@link #migrate()} stops at (inclusive). */
        public Builder target(MigrationVersion version) {
            this.target = Optional.of(Objects.requireNonNull(version, "version"));
            return this;
        }

        public Builder outOfOrder(boolean allowed) {
            this.outOfOrder = Optional.of(allowed);
            return this;
        }

        public Builder lockTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new CairnException(ErrorCode.USAGE, "lockTimeout must not be negative, got " + timeout);
            }
            this.lockTimeout = Optional.of(timeout);
            return this;
        }

        /** Redis/MongoDB lease length (at least 1s); renewed every third of it while running. */
        public Builder lease(Duration length) {
            if (length.compareTo(MigrationSettings.MIN_LEASE) < 0) {
                throw new CairnException(ErrorCode.USAGE, "lease must be at least 1s, got " + length);
            }
            this.lease = Optional.of(length);
            return this;
        }

        public Builder installedBy(String name) {
            if (name.isBlank()) {
                throw new CairnException(ErrorCode.USAGE, "installedBy must not be blank");
            }
            this.installedBy = Optional.of(name);
            return this;
        }

        /** Adds Java migrations to one database. */
        public Builder javaMigration(String db, JavaMigration... migrations) {
            dataManager.config().database(db);
            for (JavaMigration migration : migrations) {
                MigrationVersion.parse(Objects.requireNonNull(migration, "migration").version());
                javaMigrations.computeIfAbsent(db, key -> new ArrayList<>()).add(migration);
            }
            return this;
        }

        /** How lease waits pass (default: Thread.sleep); their deadline is on {@link #clock}. */
        public Builder sleeper(Sleeper newSleeper) {
            this.sleeper = Objects.requireNonNull(newSleeper, "sleeper");
            return this;
        }

        /** The clock for installed_on and leases, and the deadline of lease waits (default: system UTC). */
        public Builder clock(Clock newClock) {
            this.clock = Objects.requireNonNull(newClock, "clock");
            return this;
        }

        /** Settings already read from the configuration ({@link MigrationSettings#readAll}), so it is read once. */
        public Builder settings(Map<String, MigrationSettings> read) {
            this.settings = Optional.of(new LinkedHashMap<>(read));
            return this;
        }

        public Builder listener(MigrationListener newListener) {
            this.listener = Objects.requireNonNull(newListener, "listener");
            return this;
        }

        private MigrationSettings apply(String db, MigrationSettings value) {
            MigrationSettings result = value;
            if (locations.containsKey(db)) {
                result = result.withLocation(locations.get(db));
            } else if (location.isPresent()) {
                result = result.withLocation(location.get().resolve(db));
            }
            result = outOfOrder.map(result::withOutOfOrder).orElse(result);
            result = lockTimeout.map(result::withLockTimeout).orElse(result);
            result = lease.map(result::withLease).orElse(result);
            return installedBy.map(result::withInstalledBy).orElse(result);
        }

        public Migrations build() {
            return new Migrations(this);
        }
    }
}
