package io.cairn.cache.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import io.cairn.cache.Cache;
import io.cairn.cache.CacheCodec;
import io.cairn.cache.CacheSettings;
import io.cairn.cache.CacheStats;
import io.cairn.cache.QueryCache;
import io.cairn.core.CairnException;
import io.cairn.core.CairnJson;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.Sleeper;
import io.cairn.core.redis.RedisAccess;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and owns everything behind {@code Caches}: the Redis connection and its guard, the
 * invalidation channel, one background thread pair, and the named caches (one instance per name).
 */
public final class CacheRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CacheRuntime.class);

    private record Named(Class<?> type, TwoLevelCache<?> cache) {
    }

    private final CacheSettings settings;
    private final CacheContext context;
    private final ScheduledExecutorService scheduler;
    private final ObjectMapper mapper = CairnJson.mapper();
    private final Map<String, Named> caches = new ConcurrentHashMap<>();
    private final Map<String, QueryResultsCache> queries = new ConcurrentHashMap<>();

    public CacheRuntime(DataManager databases, CacheSettings settings, Clock clock, Sleeper sleeper, MeterRegistry registry,
            Ticker ticker) {
        this.settings = settings;
        this.scheduler = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "cairn-cache");
            thread.setDaemon(true);
            return thread;
        });
        CacheMetrics.Shared shared = new CacheMetrics.Shared(registry);
        Optional<RedisGuard> guard = settings.redis().map(db -> new RedisGuard(db,
                new LettuceCacheRedis(client(databases, db), settings.redisTimeout()),
                new CircuitBreaker(settings.breakerFailures(), settings.breakerOpenFor(), Ticker.systemTicker()), shared));
        // the channel's liveness is real time even when L1 expiry runs on a test ticker
        Optional<InvalidationBus> bus = guard.map(g -> new InvalidationBus(settings.redis().get(), g, Ticker.systemTicker(),
                settings.heartbeat(), settings.heartbeatTimeout(), scheduler, shared));
        this.context = new CacheContext(guard, bus, ticker, clock, sleeper, scheduler, registry, databases);
        bus.ifPresent(InvalidationBus::start);
    }

    /**
     * The Lettuce client of {@code db}, standalone or cluster as {@link RedisAccess} says. The cache
     * opens its own connections on it rather than RedisAccess's shared one: they carry the short
     * {@code redis-timeout}, and a broken subscription must be noticed (RedisAccess's pub/sub
     * connection resubscribes by itself, hiding the messages lost meanwhile).
     */
    private static AbstractRedisClient client(DataManager databases, String db) {
        return RedisAccess.of(databases, db).isCluster() ? databases.unwrap(db, RedisClusterClient.class)
                : databases.unwrap(db, RedisClient.class);
    }

    public <V> Cache<String, V> named(String name, Class<V> type, CacheCodec<V> codec, Function<? super String, ? extends V> loader) {
        Named named = caches.computeIfAbsent(name, n -> {
            TwoLevelCache<V> cache = new TwoLevelCache<>(n, settings.spec(n), context, codec, loader);
            context.bus().ifPresent(b -> b.addListener(cache));
            if (loader != null && settings.spec(n).warm().isPresent()) {
                context.background().execute(() -> {
                    try {
                        LOG.info("cache '{}': warmed {}", n, cache.warm());
                    } catch (RuntimeException e) {
                        LOG.warn("cache '{}': warming failed: {}", n, e.getMessage());
                    }
                });
            }
            return new Named(type, cache);
        });
        if (!named.type().equals(type)) {
            throw new CairnException(ErrorCode.USAGE, "cache '" + name + "' is open already for " + named.type().getSimpleName()
                    + " values, not " + type.getSimpleName() + " (use one value type per cache name)");
        }
        @SuppressWarnings("unchecked")
        Cache<String, V> cache = (Cache<String, V>) named.cache();
        return cache;
    }

    public <V> Cache<String, V> named(String name, Class<V> type, Function<? super String, ? extends V> loader) {
        return named(name, type, new JacksonCodec<>(mapper, type), loader);
    }

    public QueryCache queries(String name) {
        return queries.computeIfAbsent(name, n -> {
            QueryResultsCache cache = new QueryResultsCache(n, settings.spec(n), context, mapper);
            context.bus().ifPresent(b -> b.addListener(cache));
            return cache;
        });
    }

    public List<CacheStats> stats() {
        List<CacheStats> all = new ArrayList<>();
        caches.values().forEach(named -> all.add(named.cache().stats()));
        return all;
    }

    /** Whether Redis answers (false also when no Redis is configured). */
    public boolean redisAvailable() {
        return context.redis().map(RedisGuard::available).orElse(false);
    }

    /** Whether this JVM's L1 is trusted now (always when there is no Redis). */
    public boolean channelTrusted() {
        return context.trusted();
    }

    /**
     * Asks every JVM that has {@code cache} open with a loader to warm it; how many other JVMs heard
     * (this one's own subscription not counted), empty when Redis did not answer.
     */
    public Optional<Long> requestWarm(String cache) {
        settings.spec(cache);
        boolean selfSubscribed = context.bus().map(InvalidationBus::subscribed).orElse(false);
        return context.redis().flatMap(g -> g.call("PUBLISH", r -> r.publish(RedisKeys.CHANNEL, "w|" + cache)))
                .map(heard -> Math.max(0, heard - (selfSubscribed ? 1 : 0)));
    }

    /** Invalidations that Redis has not taken yet (kept in this JVM, replayed when it answers). */
    public int pendingInvalidations() {
        return context.redis().map(RedisGuard::pending).orElse(0);
    }

    /** Asks Redis now (one PING-like call through the breaker), so a fresh JVM reports what it found. */
    public void probe() {
        context.redis().ifPresent(RedisGuard::probe);
    }

    @Override
    public void close() {
        context.bus().ifPresent(InvalidationBus::close);
        scheduler.shutdownNow();
        context.redis().ifPresent(RedisGuard::close);
    }
}
