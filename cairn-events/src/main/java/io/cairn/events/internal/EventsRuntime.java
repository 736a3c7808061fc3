package io.cairn.events.internal;

import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.Sleeper;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseType;
import io.cairn.events.CommandBus;
import io.cairn.events.EventSettings;
import io.cairn.events.EventTypes;
import io.cairn.events.Projection;
import io.cairn.events.ProjectionListener;
import io.cairn.events.ProjectionRunner;
import io.cairn.tx.Transactions;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import io.cairn.repository.Repository;
import io.cairn.events.EventExportResult;
import io.cairn.events.EventImportResult;
import io.cairn.events.EventStats;
import io.cairn.events.StreamsReport;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Wires the event store, command buses and projections of each database; what {@code Events} delegates to. */
public final class EventsRuntime implements AutoCloseable {
    private final DataManager databases;
    private final Transactions transactions;
    private final EventSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private final MeterRegistry registry;
    private final EventTypes types = new EventTypes();
    private final EventCodec codec = new EventCodec(types);
    private final EventSchema schema;
    private final Map<String, PostgresEventStore> stores = new ConcurrentHashMap<>();
    private final Map<String, ProjectionCatalog> catalogs = new ConcurrentHashMap<>();
    private final Map<String, ProjectionLoop> runners = new ConcurrentHashMap<>();
    private final List<ProjectionListener> listeners = new CopyOnWriteArrayList<>();
    private final Supplier<Repository> repository;

    public EventsRuntime(DataManager databases, Transactions transactions, EventSettings settings, Clock clock,
            Sleeper sleeper, MeterRegistry registry, Supplier<Repository> repository) {
        this.repository = repository;
        this.databases = databases;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
        this.registry = registry;
        this.schema = new EventSchema(databases);
    }

    public EventTypes types() {
        return types;
    }

    public EventSettings settings() {
        return settings;
    }

    /** The database used when none is named: {@code events.database}, else the only PostgreSQL database. */
    public String defaultDatabase() {
        if (settings.database().isPresent()) {
            return settings.database().get();
        }
        List<String> postgres = databases.config().databases().values().stream()
                .filter(d -> d.type() == DatabaseType.POSTGRESQL).map(DatabaseConfig::id).toList();
        if (postgres.size() != 1) {
            throw new CairnException(ErrorCode.USAGE, "events: name the database (" + (postgres.isEmpty()
                    ? "the configuration has no PostgreSQL database" : "one of " + postgres)
                    + "), or set events.database in the configuration");
        }
        return postgres.get(0);
    }

    public PostgresEventStore store(String db) {
        return stores.computeIfAbsent(db, id -> {
            DatabaseConfig config = databases.config().database(id);
            if (config.type() != DatabaseType.POSTGRESQL) {
                throw new CairnException(ErrorCode.USAGE, "database '" + id + "' is " + config.type()
                        + "; the event store needs PostgreSQL 13 or later (its global order rests on pg_current_snapshot)");
            }
            schema.ensure(id);
            return new PostgresEventStore(id, databases, transactions, codec, clock, settings.notifyOnAppend());
        });
    }

    public ProjectionCatalog catalog(String db) {
        PostgresEventStore store = store(db);
        return catalogs.computeIfAbsent(db, id -> new ProjectionCatalog(id, databases, transactions, store.order(), clock,
                settings.stallAfter()));
    }

    public CommandBus.Builder commands(String db) {
        PostgresEventStore store = store(db);
        return new LocalCommandBus.Builder(db, transactions, store, new Aggregates(store, settings.snapshotEvery(), clock),
                clock);
    }

    public ProjectionRunner projection(String db, String name, Projection projection) {
        ProjectionCatalog.requireName(name);
        ProjectionCatalog catalog = catalog(db);
        String key = db + "/" + name;
        ProjectionLoop existing = runners.get(key);
        if (existing != null) {
            return existing;
        }
        PostgresEventStore store = store(db);
        ProjectionBatch batch = new ProjectionBatch(db, name, projection, transactions, store.order(), clock, () -> listeners);
        ProjectionLoop loop = new ProjectionLoop(db, name, catalog, batch,
                new ProjectionLease(db, name, databases.config().database(db)), settings, sleeper, registry);
        ProjectionLoop raced = runners.putIfAbsent(key, loop);
        return raced != null ? raced : loop;
    }

    public StreamsReport streams(String db, int limit) {
        return new EventInspector(db, databases, store(db).order()).streams(limit);
    }

    public EventStats stats(String db) {
        return new EventInspector(db, databases, store(db).order()).stats();
    }

    public EventExportResult exportRange(String db, Instant from, Instant to) {
        store(db);
        return new EventExporter(databases, repository.get(), clock).export(db, from, to);
    }

    public EventImportResult importSnapshot(String snapshot, String db) {
        store(db);
        return new EventImporter(repository.get(), transactions).importSnapshot(snapshot, db);
    }

    public void onProjected(ProjectionListener listener) {
        listeners.add(listener);
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        runners.values().forEach(ProjectionLoop::stop);
    }
}
