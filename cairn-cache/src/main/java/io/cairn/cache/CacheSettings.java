package io.cairn.cache;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.ConfigSection;
import io.cairn.core.config.DatabaseType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code cache:} section, read once by the facade; the defaults live here only (docs/cache.md
 * lists them, CacheSettingsTest holds the two in step).
 * <pre>
 * cache:
 *   redis: cache                 # a database id of type redis
 *   heartbeat: 1s                # each JVM publishes a heartbeat on its invalidation channel this often
 *   heartbeat-timeout: 2s        # without its own heartbeat back for this long, a JVM stops trusting its L1
 *   redis-timeout: 250ms         # per-command timeout of cache calls to Redis
 *   breaker: { failures: 3, open-for: 5s }
 *   caches:
 *     customers: { l1: { max-size: 100000, ttl: 5m }, l2: { ttl: 1h }, refresh-after: 1m, negative-ttl: 10s }
 * </pre>
 * The staleness bound of docs/cache.md is {@link #staleness()} = heartbeat + heartbeat-timeout.
 *
 * @param redis            the Redis database id (L2 and the invalidation channel); empty: L1 only
 * @param heartbeat        how often each JVM publishes a heartbeat on the invalidation channel
 * @param heartbeatTimeout how late its own heartbeat may come back before its L1 is no longer trusted
 * @param redisTimeout     the per-command timeout of cache calls to Redis
 * @param breakerFailures  consecutive Redis failures that open the circuit breaker
 * @param breakerOpenFor   how long an open breaker skips Redis before one call probes it again
 * @param caches           the named caches; a name not listed gets {@link CacheSpec#defaults()}
 */
public record CacheSettings(Optional<String> redis, Duration heartbeat, Duration heartbeatTimeout, Duration redisTimeout,
        int breakerFailures, Duration breakerOpenFor, Map<String, CacheSpec> caches) {
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_REDIS_TIMEOUT = Duration.ofMillis(250);
    public static final int DEFAULT_BREAKER_FAILURES = 3;
    public static final Duration DEFAULT_BREAKER_OPEN_FOR = Duration.ofSeconds(5);
    static final Set<String> KEYS = Set.of("redis", "heartbeat", "heartbeat-timeout", "redis-timeout", "breaker", "caches");
    static final Set<String> BREAKER_KEYS = Set.of("failures", "open-for");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    public CacheSettings {
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
        Objects.requireNonNull(redisTimeout, "redisTimeout");
        Objects.requireNonNull(breakerOpenFor, "breakerOpenFor");
        caches = Map.copyOf(caches);
        if (heartbeat.compareTo(Duration.ofMillis(10)) < 0) {
            throw invalid("heartbeat must be at least 10ms, got " + heartbeat);
        }
        if (heartbeatTimeout.compareTo(heartbeat) < 0) {
            throw invalid("heartbeat-timeout (" + heartbeatTimeout + ") must be at least heartbeat (" + heartbeat + ")");
        }
        if (redisTimeout.compareTo(Duration.ofMillis(1)) < 0) {
            throw invalid("redis-timeout must be at least 1ms, got " + redisTimeout);
        }
        if (breakerFailures < 1) {
            throw invalid("breaker.failures must be at least 1, got " + breakerFailures);
        }
        if (breakerOpenFor.compareTo(Duration.ofMillis(1)) < 0) {
            throw invalid("breaker.open-for must be at least 1ms, got " + breakerOpenFor);
        }
        for (String name : caches.keySet()) {
            requireName(name);
        }
    }

    public static CacheSettings defaults() {
        return new CacheSettings(Optional.empty(), DEFAULT_HEARTBEAT, DEFAULT_HEARTBEAT_TIMEOUT, DEFAULT_REDIS_TIMEOUT,
                DEFAULT_BREAKER_FAILURES, DEFAULT_BREAKER_OPEN_FOR, Map.of());
    }

    /** The bound Δ on how long after an invalidation is published a JVM may still serve the old value from L1. */
    public Duration staleness() {
        return heartbeat.plus(heartbeatTimeout);
    }

    /** The settings of cache {@code name}: its entry in {@code caches:}, else the defaults. */
    public CacheSpec spec(String name) {
        requireName(name);
        return caches.getOrDefault(name, CacheSpec.defaults());
    }

    public CacheSettings withRedis(String db) {
        return new CacheSettings(Optional.of(db), heartbeat, heartbeatTimeout, redisTimeout, breakerFailures, breakerOpenFor,
                caches);
    }

    public CacheSettings withHeartbeat(Duration interval, Duration timeout) {
        return new CacheSettings(redis, interval, timeout, redisTimeout, breakerFailures, breakerOpenFor, caches);
    }

    public CacheSettings withBreaker(int failures, Duration openFor) {
        return new CacheSettings(redis, heartbeat, heartbeatTimeout, redisTimeout, failures, openFor, caches);
    }

    public CacheSettings withCache(String name, CacheSpec spec) {
        Map<String, CacheSpec> all = new LinkedHashMap<>(caches);
        all.put(name, spec);
        return new CacheSettings(redis, heartbeat, heartbeatTimeout, redisTimeout, breakerFailures, breakerOpenFor, all);
    }

    /** The {@code cache:} section, every key checked; the one reader of it. */
    public static CacheSettings from(CairnConfig config) {
        Optional<ConfigSection> found = config.section("cache");
        if (found.isEmpty()) {
            return defaults();
        }
        ConfigSection cache = found.get();
        cache.requireOnlyKeys(KEYS);
        Optional<String> redis = cache.optionalString("redis");
        redis.ifPresent(db -> {
            if (!config.databases().containsKey(db)) {
                throw cache.error("redis", "no database '" + db + "' is configured", "name a database of type redis: "
                        + config.databases().keySet());
            }
            if (config.database(db).type() != DatabaseType.REDIS) {
                throw cache.error("redis", "database '" + db + "' is a " + config.database(db).type()
                        + " database", "name a database of type redis");
            }
        });
        ConfigSection breaker = cache.sectionOrEmpty("breaker");
        breaker.requireOnlyKeys(BREAKER_KEYS);
        Map<String, CacheSpec> caches = new LinkedHashMap<>();
        ConfigSection named = cache.sectionOrEmpty("caches");
        for (String name : named.keys()) {
            CacheSpec spec = CacheSpec.from(named.sectionOrEmpty(name));
            spec.warmDb().ifPresent(db -> {
                if (!config.databases().containsKey(db)) {
                    throw named.error(name, "warm-db names no configured database '" + db + "'",
                            "use one of " + config.databases().keySet());
                }
            });
            caches.put(name, spec);
        }
        try {
            return new CacheSettings(redis, cache.duration("heartbeat", DEFAULT_HEARTBEAT),
                    cache.duration("heartbeat-timeout", DEFAULT_HEARTBEAT_TIMEOUT),
                    cache.duration("redis-timeout", DEFAULT_REDIS_TIMEOUT),
                    breaker.integer("failures", DEFAULT_BREAKER_FAILURES, 1, 1_000),
                    breaker.duration("open-for", DEFAULT_BREAKER_OPEN_FOR), caches);
        } catch (CairnException e) {
            if (e.code() == ErrorCode.CONFIG && !e.getMessage().startsWith(config.source())) {
                throw new CairnException(ErrorCode.CONFIG, config.source() + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    private static void requireName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw invalid("cache name \"" + name + "\" must be 1-100 letters, digits, '_', '.' or '-'");
        }
    }

    private static CairnException invalid(String problem) {
        return new CairnException(ErrorCode.CONFIG, "cache: " + problem);
    }
}
