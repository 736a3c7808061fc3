package io.cairn.core.internal;

import io.cairn.core.ErrorCode;
import io.cairn.core.HealthStatus;
import io.cairn.core.PoolUsage;
import io.cairn.core.config.DatabaseConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The Micrometer meters of one database (tags db=id, type=postgresql|...). Every meter it
 * registers is remembered and removed on close, so a registry shared with the application
 * does not keep reporting a closed database.
 */
public final class DatabaseMetrics implements AutoCloseable {
    public static final String QUERIES = "cairn.db.queries";
    public static final String LATENCY = "cairn.db.query.latency";
    public static final String ERRORS = "cairn.db.errors";
    public static final String POOL_ACTIVE = "cairn.db.pool.active";
    public static final String POOL_IDLE = "cairn.db.pool.idle";
    public static final String POOL_WAITING = "cairn.db.pool.waiting";
    public static final String POOL_MAX = "cairn.db.pool.max";
    public static final String HEALTH = "cairn.db.health";

    private final MeterRegistry registry;
    private final Tags tags;
    private final Set<Meter.Id> registered = ConcurrentHashMap.newKeySet();
    private final Counter successes;
    private final Counter failures;
    private final Timer latency;
    /** Last health status; null until the first check, which the gauge reports as NaN. */
    private final AtomicReference<HealthStatus> health = new AtomicReference<>();

    public DatabaseMetrics(MeterRegistry registry, DatabaseConfig config, Supplier<PoolUsage> pool) {
        this.registry = registry;
        this.tags = Tags.of("db", config.id(), "type", config.type().configName());
        this.successes = remember(Counter.builder(QUERIES).description("operations run on the database")
                .tags(tags).tag("outcome", "success").register(registry));
        this.failures = remember(Counter.builder(QUERIES).description("operations run on the database")
                .tags(tags).tag("outcome", "error").register(registry));
        this.latency = remember(Timer.builder(LATENCY).description("time of one operation, connection wait included")
                .tags(tags).publishPercentiles(0.5, 0.95, 0.99).register(registry));
        gauge(POOL_ACTIVE, "connections in use", pool, p -> p.get().active());
        gauge(POOL_IDLE, "open idle connections", pool, p -> p.get().idle());
        gauge(POOL_WAITING, "callers waiting for a connection", pool, p -> p.get().waiting());
        gauge(POOL_MAX, "most connections the pool opens", pool, p -> p.get().max());
        remember(Gauge.builder(HEALTH, health, h -> h.get() == null ? Double.NaN : h.get().gaugeValue())
                .description("last health check: 1 up, 0.5 degraded, 0 down").tags(tags).register(registry));
    }

    public void succeeded(long nanos) {
        successes.increment();
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void failed(long nanos, ErrorCode code) {
        failures.increment();
        latency.record(nanos, TimeUnit.NANOSECONDS);
        remember(Counter.builder(ERRORS).description("failed operations by error code").tags(tags)
                .tag("code", code.name()).register(registry)).increment();
    }

    public void health(HealthStatus status) {
        health.set(status);
    }

    private void gauge(String name, String description, Supplier<PoolUsage> pool,
                       ToDoubleFunction<Supplier<PoolUsage>> value) {
        remember(Gauge.builder(name, pool, value).description(description).tags(tags).strongReference(true)
                .register(registry));
    }

    private <M extends Meter> M remember(M meter) {
        registered.add(meter.getId());
        return meter;
    }

    /** The ids of the meters this database registered (for tests and diagnostics). */
    public List<Meter.Id> meterIds() {
        return List.copyOf(registered);
    }

    @Override
    public void close() {
        for (Meter.Id id : registered) {
            registry.remove(id);
        }
        registered.clear();
    }
}
