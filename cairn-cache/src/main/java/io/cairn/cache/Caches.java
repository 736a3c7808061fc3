package io.cairn.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import io.cairn.cache.internal.CacheRuntime;
import io.cairn.core.DataManager;
import io.cairn.core.Sleeper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The two-level caches of one facade: {@code cairn.cache()}. Each named cache has its settings in
 * {@code cache.caches:}; every cache shares one Redis connection, one invalidation channel and the
 * staleness bound {@link #staleness()}. Thread-safe; {@link #close()} stops the channel.
 *
 * <pre>{@code
 * Cache<String, Customer> customers = cairn.cache().named("customers", Customer.class);
 * Customer c = customers.get("42", id -> loadFromDb(id));
 * QueryCache q = cairn.cache().queries("orders");
 * }</pre>
 */
public final class Caches implements AutoCloseable {
    private final CacheSettings settings;
    private final CacheRuntime runtime;

    private Caches(CacheSettings settings, CacheRuntime runtime) {
        this.settings = settings;
        this.runtime = runtime;
    }

    /** For the facade: caches over {@code databases} with the {@code cache:} settings; L1 expiry on {@code clock}. */
    public static Caches open(DataManager databases, CacheSettings settings, Clock clock, Sleeper sleeper,
            MeterRegistry meterRegistry) {
        Ticker ticker = clock.equals(Clock.systemUTC()) || clock.equals(Clock.systemDefaultZone()) ? Ticker.systemTicker()
                : () -> clock.millis() * 1_000_000L;
        return open(databases, settings, clock, sleeper, meterRegistry, ticker);
    }

    /** As above with the L1 ticker given (tests drive expiry and refresh-ahead with it). */
    public static Caches open(DataManager databases, CacheSettings settings, Clock clock, Sleeper sleeper,
            MeterRegistry meterRegistry, Ticker ticker) {
        return new Caches(settings, new CacheRuntime(databases, settings, clock, sleeper, meterRegistry, ticker));
    }

    /** The cache {@code name} of values of {@code type}, stored as JSON; the loader is passed to each get. */
    public <V> Cache<String, V> named(String name, Class<V> type) {
        return runtime.named(name, type, null);
    }

    /** As above with a default loader ({@link Cache#get(Object)}, warming at start, refresh). */
    public <V> Cache<String, V> named(String name, Class<V> type, Function<? super String, ? extends V> loader) {
        return runtime.named(name, type, Objects.requireNonNull(loader, "loader"));
    }

    /** As above with a codec of your own instead of JSON. */
    public <V> Cache<String, V> named(String name, Class<V> type, CacheCodec<V> codec,
            Function<? super String, ? extends V> loader) {
        return runtime.named(name, type, Objects.requireNonNull(codec, "codec"), loader);
    }

    /** The query cache {@code name} (its settings in {@code cache.caches:} too). */
    public QueryCache queries(String name) {
        return runtime.queries(name);
    }

    /** The counters of every cache opened in this JVM, and the state of Redis and the channel. */
    public CacheReport stats() {
        return new CacheReport(settings.redis().orElse(""), runtime.redisAvailable(), runtime.channelTrusted(), staleness(),
                runtime.stats());
    }

    /**
     * Like {@link #stats()}, after asking Redis once, so that a JVM that has just started (the CLI)
     * reports whether Redis answers rather than the breaker's initial state.
     */
    public CacheReport probe() {
        runtime.probe();
        return stats();
    }

    /** Drops {@code keys} of cache {@code name} everywhere (or all of its entries when {@code keys} is empty). */
    public InvalidateResult invalidate(String name, List<String> keys) {
        Cache<String, Object> cache = runtime.named(name, Object.class, null);
        if (keys.isEmpty()) {
            cache.invalidateAll();
        } else {
            keys.forEach(cache::invalidate);
        }
        boolean delivered = settings.redis().isPresent() && runtime.pendingInvalidations() == 0;
        return new InvalidateResult(name, keys.size(), keys.isEmpty(), delivered);
    }

    /** Asks every JVM that has cache {@code name} open with a loader to warm it now. */
    public WarmRequestResult requestWarm(String name) {
        Optional<Long> receivers = runtime.requestWarm(name);
        return new WarmRequestResult(name, receivers.orElse(0L), receivers.isPresent());
    }

    /** Δ: how long after an invalidation is published any JVM may still serve the older value from L1. */
    public Duration staleness() {
        return settings.staleness();
    }

    public CacheSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        runtime.close();
    }
}
