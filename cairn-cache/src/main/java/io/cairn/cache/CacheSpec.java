package io.cairn.cache;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.ConfigSection;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The settings of one named cache, {@code cache.caches.<name>:}. Defaults live here only
 * (docs/cache.md lists them; CacheSettingsTest holds the two in step).
 * <pre>
 * customers: { l1: { max-size: 100000, ttl: 5m }, l2: { ttl: 1h }, refresh-after: 1m, negative-ttl: 10s,
 *              lease: 5s, warm: "SELECT id FROM customers ORDER BY last_seen DESC LIMIT 1000", warm-db: main }
 * </pre>
 *
 * @param l1MaxSize    at most this many entries in each JVM's L1 (0 when bounded by weight instead)
 * @param l1MaxWeight  at most this many bytes of encoded values in L1 (0 when bounded by size)
 * @param l1Ttl        an L1 entry expires this long after it was loaded
 * @param l2Ttl        a Redis entry expires this long after it was written
 * @param refreshAfter an L1 hit older than this triggers a reload in the background (refresh-ahead); zero: never
 * @param negativeTtl  how long "no such value" (a loader returning null) is cached, in L1 and L2; zero: not cached
 * @param lease        how long one JVM holds the right to load a missing key for every JVM (stampede lease)
 * @param warm         a SQL query whose first column lists the keys to load when the cache opens
 * @param warmDb       the SQL database the warm query runs on
 */
public record CacheSpec(long l1MaxSize, long l1MaxWeight, Duration l1Ttl, Duration l2Ttl, Duration refreshAfter,
        Duration negativeTtl, Duration lease, Optional<String> warm, Optional<String> warmDb) {
    public static final long DEFAULT_L1_MAX_SIZE = 10_000;
    public static final Duration DEFAULT_L1_TTL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_L2_TTL = Duration.ofHours(1);
    public static final Duration DEFAULT_REFRESH_AFTER = Duration.ZERO;
    public static final Duration DEFAULT_NEGATIVE_TTL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(5);
    static final Set<String> KEYS = Set.of("l1", "l2", "refresh-after", "negative-ttl", "lease", "warm", "warm-db");
    static final Set<String> L1_KEYS = Set.of("max-size", "max-weight", "ttl");
    static final Set<String> L2_KEYS = Set.of("ttl");

    public CacheSpec {
        Objects.requireNonNull(l1Ttl, "l1Ttl");
        Objects.requireNonNull(l2Ttl, "l2Ttl");
        Objects.requireNonNull(refreshAfter, "refreshAfter");
        Objects.requireNonNull(negativeTtl, "negativeTtl");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(warm, "warm");
        Objects.requireNonNull(warmDb, "warmDb");
        if (l1MaxSize < 0 || l1MaxWeight < 0 || (l1MaxSize == 0) == (l1MaxWeight == 0)) {
            throw invalid("l1 needs exactly one of max-size and max-weight above zero, got max-size " + l1MaxSize
                    + " and max-weight " + l1MaxWeight);
        }
        if (l1Ttl.compareTo(Duration.ofMillis(1)) < 0 || l2Ttl.compareTo(Duration.ofMillis(1)) < 0) {
            throw invalid("l1.ttl and l2.ttl must be at least 1ms, got " + l1Ttl + " and " + l2Ttl);
        }
        if (!refreshAfter.isZero() && refreshAfter.compareTo(l1Ttl) >= 0) {
            throw invalid("refresh-after (" + refreshAfter + ") must be shorter than l1.ttl (" + l1Ttl
                    + "), or 0 for no refresh-ahead");
        }
        if (lease.compareTo(Duration.ofMillis(10)) < 0) {
            throw invalid("lease must be at least 10ms, got " + lease);
        }
        if (warmDb.isPresent() && warm.isEmpty()) {
            throw invalid("warm-db is set but warm (the key query) is not");
        }
    }

    public static CacheSpec defaults() {
        return new CacheSpec(DEFAULT_L1_MAX_SIZE, 0, DEFAULT_L1_TTL, DEFAULT_L2_TTL, DEFAULT_REFRESH_AFTER,
                DEFAULT_NEGATIVE_TTL, DEFAULT_LEASE, Optional.empty(), Optional.empty());
    }

    public CacheSpec withL1(long maxSize, long maxWeight, Duration ttl) {
        return new CacheSpec(maxSize, maxWeight, ttl, l2Ttl, refreshAfter, negativeTtl, lease, warm, warmDb);
    }

    public CacheSpec withL2Ttl(Duration value) {
        return new CacheSpec(l1MaxSize, l1MaxWeight, l1Ttl, value, refreshAfter, negativeTtl, lease, warm, warmDb);
    }

    public CacheSpec withRefreshAfter(Duration value) {
        return new CacheSpec(l1MaxSize, l1MaxWeight, l1Ttl, l2Ttl, value, negativeTtl, lease, warm, warmDb);
    }

    public CacheSpec withNegativeTtl(Duration value) {
        return new CacheSpec(l1MaxSize, l1MaxWeight, l1Ttl, l2Ttl, refreshAfter, value, lease, warm, warmDb);
    }

    public CacheSpec withLease(Duration value) {
        return new CacheSpec(l1MaxSize, l1MaxWeight, l1Ttl, l2Ttl, refreshAfter, negativeTtl, value, warm, warmDb);
    }

    public CacheSpec withWarm(String query, String db) {
        return new CacheSpec(l1MaxSize, l1MaxWeight, l1Ttl, l2Ttl, refreshAfter, negativeTtl, lease, Optional.of(query),
                Optional.of(db));
    }

    /** One {@code cache.caches.<name>:} entry, every key checked. */
    static CacheSpec from(ConfigSection section) {
        section.requireOnlyKeys(KEYS);
        ConfigSection l1 = section.sectionOrEmpty("l1");
        l1.requireOnlyKeys(L1_KEYS);
        ConfigSection l2 = section.sectionOrEmpty("l2");
        l2.requireOnlyKeys(L2_KEYS);
        long maxWeight = l1.size("max-weight", 0);
        long maxSize = l1.has("max-size") ? l1.integer("max-size", 0, 1, Integer.MAX_VALUE)
                : maxWeight > 0 ? 0 : DEFAULT_L1_MAX_SIZE;
        try {
            return new CacheSpec(maxSize, maxWeight, l1.duration("ttl", DEFAULT_L1_TTL), l2.duration("ttl", DEFAULT_L2_TTL),
                    section.duration("refresh-after", DEFAULT_REFRESH_AFTER),
                    section.duration("negative-ttl", DEFAULT_NEGATIVE_TTL), section.duration("lease", DEFAULT_LEASE),
                    section.optionalString("warm"), section.optionalString("warm-db"));
        } catch (CairnException e) {
            if (e.code() == ErrorCode.CONFIG && !e.getMessage().startsWith(section.source())) {
                throw new CairnException(ErrorCode.CONFIG, section.source() + ": " + section.path() + ": "
                        + e.getMessage(), e);
            }
            throw e;
        }
    }

    private static CairnException invalid(String problem) {
        return new CairnException(ErrorCode.CONFIG, "cache: " + problem);
    }
}
