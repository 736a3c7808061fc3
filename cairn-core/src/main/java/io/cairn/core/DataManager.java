package io.cairn.core;

import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.internal.AdapterContext;
import io.cairn.core.internal.Adapters;
import io.cairn.core.internal.DatabaseMetrics;
import io.cairn.core.internal.HealthChecks;
import io.cairn.core.retry.Backoff;
import io.cairn.core.retry.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of the Cairn library: one per service, built from a {@link CairnConfig}. It
 * opens each database's pool or client lazily, on the first operation that needs that database
 * (an operation on {@code main} never creates the Redis or MongoDB clients of the same
 * configuration; {@link #health()} opens them all), and opening never contacts the server (a
 * database that is down never makes an open fail or hang). It runs queries and native commands
 * with bounded retries, checks health in parallel and records metrics. Thread-safe; close it to
 * release every pool, client and thread it opened.
 */
public final class DataManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DataManager.class);

    private final CairnConfig config;
    private final MeterRegistry registry;
    /** Adapters opened so far; written only under {@code this}'s lock, read without it. */
    private final Map<String, DatabaseAdapter> opened = new ConcurrentHashMap<>();
    private final Map<String, DatabaseMetrics> metrics;
    private final HealthChecks healthChecks;
    private final Clock clock;
    private final Sleeper sleeper;
    /** Written under {@code this}'s lock, so no adapter opens after close() began; volatile for the fast checks. */
    private volatile boolean closed;

    private DataManager(Builder builder) {
        this.config = builder.config;
        this.registry = builder.registry;
        this.clock = builder.clock;
        this.sleeper = builder.sleeper;
        this.metrics = new LinkedHashMap<>();
        this.healthChecks = new HealthChecks(clock, config.source());
        // meters exist from the start (a dashboard sees every database); pool gauges read 0 until it opens
        for (DatabaseConfig database : config.databases().values()) {
            String id = database.id();
            metrics.put(id, new DatabaseMetrics(registry, database, () -> {
                DatabaseAdapter adapter = opened.get(id);
                return adapter == null ? PoolUsage.empty(database.pool().max()) : adapter.poolUsage();
            }));
        }
    }

    /** The adapter of a database, opening it on first use (once, however many threads ask). */
    private DatabaseAdapter open(String db) {
        DatabaseAdapter adapter = opened.get(db);
        if (adapter != null) {
            return adapter;
        }
        synchronized (this) {
            requireOpen();
            adapter = opened.get(db);
            if (adapter == null) {
                DatabaseConfig database = config.database(db);
                Retry retry = Retry.builder("database '" + db + "'").attempts(database.retry().attempts())
                        .backoff(Backoff.of(database.retry())).clock(clock).sleeper(sleeper).build();
                adapter = Adapters.open(new AdapterContext(database, config.source(), clock, retry, registry));
                opened.put(db, adapter);
            }
            return adapter;
        }
    }

    /** A DataManager over every database of the configuration with defaults (SimpleMeterRegistry, system clock). */
    public static DataManager open(CairnConfig config) {
        return builder(config).open();
    }

    /** Loads the configuration file and opens it. */
    public static DataManager open(Path configFile) {
        return open(CairnConfig.load(configFile));
    }

    public static Builder builder(CairnConfig config) {
        return new Builder(config);
    }

    public CairnConfig config() {
        return config;
    }

    /** The configured database ids, in configuration order. */
    public Set<String> databaseIds() {
        return config.databases().keySet();
    }

    public MeterRegistry meterRegistry() {
        return registry;
    }

    /** Runs SQL with bound parameters on a SQL database and returns every row. */
    public QueryResult query(String db, String sql, Object... params) {
        return run(db, adapter -> sql(adapter, "query").query(sql, params));
    }

    /** Runs SQL with bound parameters on a SQL database and returns the update count. */
    public long execute(String db, String sql, Object... params) {
        return run(db, adapter -> sql(adapter, "execute").execute(sql, params));
    }

    /** Lends a pooled connection (obtained with retries) to {@code work}. */
    public <T> T withConnection(String db, SqlFunction<Connection, T> work) {
        return run(db, adapter -> sql(adapter, "withConnection").withConnection(work));
    }

    /** The pool of a SQL database, for capabilities built on plain JDBC. */
    public DataSource dataSource(String db) {
        return sql(adapter(db), "dataSource").dataSource();
    }

    /**
     * A native command: for Redis any command ({@code queryDatabase("cache", "GET", "user:1")}),
     * for MongoDB a command document or verb ({@code queryDatabase("docs", "{\"ping\": 1}")}), for
     * SQL databases the same as {@link #query}. See docs/databases.md for result types.
     */
    public Object queryDatabase(String db, String command, Object... args) {
        return run(db, adapter -> adapter.command(command, args));
    }

    /** The adapter of one database, for capabilities that need its driver objects; opens it on first use. */
    public DatabaseAdapter adapter(String db) {
        requireOpen();
        config.database(db);
        return open(db);
    }

    /** The ids of the databases whose pool or client has been opened so far, in configuration order. */
    public Set<String> openedDatabaseIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : config.databases().keySet()) {
            if (opened.containsKey(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** The driver object of a database, e.g. {@code unwrap("docs", MongoClient.class)}; see {@link DatabaseAdapter#unwrap}. */
    public <T> T unwrap(String db, Class<T> type) {
        return adapter(db).unwrap(type).orElseThrow(() -> new CairnException(ErrorCode.USAGE, "database '" + db
                + "' is a " + config.database(db).type() + " database and has no " + type.getSimpleName()));
    }

    /** Checks every database in parallel (opening those not yet open); each check is bounded by its connect timeout. */
    public HealthReport health() {
        requireOpen();
        List<DatabaseAdapter> all = new ArrayList<>();
        for (String id : config.databases().keySet()) {
            all.add(open(id));
        }
        List<DatabaseHealth> results = healthChecks.check(all);
        results.forEach(result -> metrics.get(result.id()).health(result.status()));
        return new HealthReport(results, clock.instant());
    }

    /** Checks one database, bounded by its connect timeout. */
    public DatabaseHealth health(String db) {
        DatabaseHealth result = healthChecks.check(List.of(adapter(db))).get(0);
        metrics.get(db).health(result.status());
        return result;
    }

    private <T> T run(String db, Function<DatabaseAdapter, T> operation) {
        DatabaseAdapter adapter = adapter(db);
        DatabaseMetrics meters = metrics.get(db);
        long start = System.nanoTime();
        try {
            T result = operation.apply(adapter);
            meters.succeeded(System.nanoTime() - start);
            return result;
        } catch (CairnException e) {
            meters.failed(System.nanoTime() - start, e.code());
            throw e;
        } catch (RuntimeException e) {
            meters.failed(System.nanoTime() - start, ErrorCode.INTERNAL);
            throw e;
        }
    }

    private SqlDatabase sql(DatabaseAdapter adapter, String operation) {
        DatabaseConfig database = adapter.config();
        return adapter.sql().orElseThrow(() -> new CairnException(ErrorCode.USAGE, "database '" + database.id()
                + "' is a " + database.type() + " database; " + operation + " needs a SQL database (use queryDatabase(\""
                + database.id() + "\", ...) for native commands)"));
    }

    private void requireOpen() {
        if (closed) {
            throw new CairnException(ErrorCode.PRECONDITION, "this DataManager is closed (open a new one)");
        }
    }

    /** Closes every pool and client it opened and stops Cairn's threads. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        healthChecks.close();
        for (Map.Entry<String, DatabaseAdapter> entry : opened.entrySet()) {
            try {
                entry.getValue().close();
            } catch (RuntimeException e) {
                LOG.warn("database '{}': closing failed: {}", entry.getKey(), e.toString());
            }
        }
        metrics.values().forEach(DatabaseMetrics::close);
    }

    @Override
    public String toString() {
        return "DataManager[" + config.source() + ", databases=" + config.databases().keySet()
                + ", opened=" + openedDatabaseIds() + (closed ? ", closed]" : "]");
    }

    /** Options for opening a DataManager; every setting has a sensible default. */
    public static final class Builder {
        private final CairnConfig config;
        private MeterRegistry registry = new SimpleMeterRegistry();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();

        private Builder(CairnConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Where metrics go (default: a new SimpleMeterRegistry). */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.registry = Objects.requireNonNull(meterRegistry, "meterRegistry");
            return this;
        }

        /** The clock for timestamps such as {@link DatabaseHealth#checkedAt()} (default: system UTC). */
        public Builder clock(Clock newClock) {
            this.clock = Objects.requireNonNull(newClock, "clock");
            return this;
        }

        /** How retries wait (default: Thread.sleep); tests pass a recording sleeper. */
        public Builder sleeper(Sleeper newSleeper) {
            this.sleeper = Objects.requireNonNull(newSleeper, "sleeper");
            return this;
        }

        public DataManager open() {
            return new DataManager(this);
        }
    }
}
