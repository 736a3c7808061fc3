package io.cairn.cache.internal;

import io.cairn.cache.CacheCodec;
import io.cairn.cache.CacheSpec;
import io.cairn.core.retry.Backoff;
import io.cairn.core.retry.Retry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The path below L1 for one cache: L2, then the loader under a single flight in this JVM and a
 * lease in Redis across JVMs, writing L2 only if the entry's version has not moved since the load
 * began (so a load that raced an invalidation never overwrites it). When Redis cannot be reached
 * the loader is called directly and nothing is written to L2.
 */
final class Loading<V> {
    private static final Backoff LEASE_WAIT = new Backoff(Duration.ofMillis(2), Duration.ofMillis(50), 2.0, 0.2);
    /** The version key outlives its data, so a late load finds the version moved rather than reset. */
    private static final long MIN_VERSION_TTL_MILLIS = Duration.ofDays(1).toMillis();

    /** A loaded entry; {@code superseded} when an invalidation raised the version during the load (not installed). */
    record Loaded(Entry entry, boolean fromL2, boolean superseded) {
        Loaded(Entry entry, boolean fromL2) {
            this(entry, fromL2, false);
        }
    }

    private final String name;
    private final CacheSpec spec;
    private final CacheContext context;
    private final CacheCodec<V> codec;
    private final CacheMetrics metrics;
    private final SingleFlight<Loaded> flights = new SingleFlight<>();
    private final long versionTtl;

    Loading(String name, CacheSpec spec, CacheContext context, CacheCodec<V> codec, CacheMetrics metrics) {
        this.name = name;
        this.spec = spec;
        this.context = context;
        this.codec = codec;
        this.metrics = metrics;
        this.versionTtl = Math.max(MIN_VERSION_TTL_MILLIS, spec.l2Ttl().toMillis() * 2);
    }

    Loaded load(String key, Function<? super String, ? extends V> loader) {
        return flights.run(key, () -> loadOnce(key, loader));
    }

    private Loaded loadOnce(String key, Function<? super String, ? extends V> loader) {
        String dataKey = RedisKeys.data(name, key);
        String versionKey = RedisKeys.version(name, key);
        Optional<CacheRedis.Fetched> fetched = call("GET", r -> r.fetch(dataKey, versionKey));
        if (fetched.isEmpty()) {
            return new Loaded(callLoader(key, loader, -1), false);
        }
        Optional<Entry> hit = usable(fetched.get());
        if (hit.isPresent()) {
            return new Loaded(hit.get(), true);
        }
        String leaseKey = RedisKeys.lease(name, key);
        String token = UUID.randomUUID().toString();
        for (int round = 0; round < 3; round++) {
            Optional<Boolean> leased = call("SET NX", r -> r.tryLease(leaseKey, token, spec.lease().toMillis()));
            if (leased.isEmpty()) {
                break; // Redis went away: load without a lease
            }
            if (leased.get()) {
                try {
                    // read the version under the lease: an invalidation after this read refuses our write
                    Optional<CacheRedis.Fetched> now = call("GET", r -> r.fetch(dataKey, versionKey));
                    Optional<Entry> written = now.flatMap(this::usable);
                    if (written.isPresent()) {
                        return new Loaded(written.get(), true);
                    }
                    long version = now.map(CacheRedis.Fetched::version).orElse(-1L);
                    Entry entry = callLoader(key, loader, version);
                    boolean superseded = version >= 0 && !writeL2(dataKey, versionKey, entry);
                    return new Loaded(entry, false, superseded);
                } finally {
                    call("DEL lease", r -> {
                        r.releaseLease(leaseKey, token);
                        return Boolean.TRUE;
                    });
                }
            }
            Optional<Entry> waited = waitForOtherLoader(dataKey, versionKey, leaseKey);
            if (waited.isPresent()) {
                return new Loaded(waited.get(), true);
            }
        }
        return new Loaded(callLoader(key, loader, -1), false);
    }

    /**
     * Polls L2 until another JVM's load appears, its lease goes away (then we try the lease again),
     * or about one lease time passes; waits with the injected sleeper.
     */
    private Optional<Entry> waitForOtherLoader(String dataKey, String versionKey, String leaseKey) {
        int attempts = (int) Math.max(3, spec.lease().toMillis() / 25);
        Retry poll = Retry.builder("cache '" + name + "'").attempts(attempts).backoff(LEASE_WAIT).clock(context.clock())
                .sleeper(context.sleeper()).build();
        boolean[] leaseGone = new boolean[1];
        Optional<Entry> found = poll.poll(() -> {
            Optional<CacheRedis.Fetched> now = call("GET", r -> r.fetch(dataKey, versionKey));
            if (now.isEmpty()) {
                leaseGone[0] = true;
                return Optional.of(Optional.<Entry>empty());
            }
            Optional<Entry> usable = usable(now.get());
            if (usable.isPresent()) {
                return Optional.of(usable);
            }
            if (!call("EXISTS lease", r -> r.leaseHeld(leaseKey)).orElse(false)) {
                leaseGone[0] = true;
                return Optional.of(Optional.<Entry>empty());
            }
            return Optional.empty();
        }).flatMap(o -> o);
        return found;
    }

    /** A refresh-ahead reload: the loader under the lease (skipped when another JVM holds it). */
    Optional<Entry> reload(String key, Function<? super String, ? extends V> loader) {
        String dataKey = RedisKeys.data(name, key);
        String versionKey = RedisKeys.version(name, key);
        String leaseKey = RedisKeys.lease(name, key);
        String token = UUID.randomUUID().toString();
        Optional<Boolean> leased = call("SET NX", r -> r.tryLease(leaseKey, token, spec.lease().toMillis()));
        if (leased.isPresent() && !leased.get()) {
            return Optional.empty();
        }
        try {
            long version = leased.isEmpty() ? -1
                    : call("GET", r -> r.fetch(dataKey, versionKey)).map(CacheRedis.Fetched::version).orElse(-1L);
            Entry entry = callLoader(key, loader, version);
            if (version >= 0) {
                writeL2(dataKey, versionKey, entry);
            }
            return Optional.of(entry);
        } finally {
            if (leased.isPresent()) {
                call("DEL lease", r -> {
                    r.releaseLease(leaseKey, token);
                    return Boolean.TRUE;
                });
            }
        }
    }

    /** The L2 entry if there is one at the current version (a getIfPresent). */
    Optional<Entry> fromL2(String key) {
        return call("GET", r -> r.fetch(RedisKeys.data(name, key), RedisKeys.version(name, key))).flatMap(this::usable)
                .map(entry -> {
                    metrics.l2Hits.increment();
                    return entry;
                });
    }

    Map<String, Entry> loadAll(Set<String> keys, Function<? super Set<String>, ? extends Map<? extends String, ? extends V>> loader) {
        List<String> ordered = new ArrayList<>(keys);
        List<String[]> redisKeys = new ArrayList<>();
        for (String key : ordered) {
            redisKeys.add(new String[] {RedisKeys.data(name, key), RedisKeys.version(name, key)});
        }
        Optional<List<CacheRedis.Fetched>> fetched = call("MGET", r -> r.fetchAll(redisKeys));
        Map<String, Entry> result = new LinkedHashMap<>();
        Map<String, Long> versions = new LinkedHashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            String key = ordered.get(i);
            if (fetched.isPresent()) {
                CacheRedis.Fetched one = fetched.get().get(i);
                Optional<Entry> hit = usable(one);
                if (hit.isPresent()) {
                    metrics.l2Hits.increment();
                    result.put(key, hit.get());
                    continue;
                }
                versions.put(key, one.version());
            } else {
                versions.put(key, -1L);
            }
        }
        if (versions.isEmpty()) {
            return result;
        }
        metrics.misses.increment(versions.size());
        long start = System.nanoTime();
        Map<? extends String, ? extends V> loaded;
        try {
            loaded = loader.apply(java.util.Collections.unmodifiableSet(versions.keySet()));
            metrics.loads.increment();
        } catch (RuntimeException e) {
            metrics.loadFailures.increment();
            throw e;
        } finally {
            metrics.loadLatency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
        versions.forEach((key, version) -> {
            Entry entry = entry(loaded == null ? null : loaded.get(key), version);
            if (version >= 0) {
                writeL2(RedisKeys.data(name, key), RedisKeys.version(name, key), entry);
            }
            result.put(key, entry);
        });
        return result;
    }

    /** Raises the version and deletes L2, then tells every JVM; empty when Redis cannot be reached (kept for later). */
    Optional<Long> invalidate(String key) {
        if (context.redis().isEmpty()) {
            return Optional.empty();
        }
        String dataKey = RedisKeys.data(name, key);
        String versionKey = RedisKeys.version(name, key);
        long[] version = {-1};
        context.redis().get().invalidation("INVALIDATE", r -> {
            long v = r.invalidate(dataKey, versionKey, versionTtl);
            r.publish(RedisKeys.CHANNEL, "i|" + name + "|" + v + "|" + key);
            version[0] = v;
            return v;
        });
        return version[0] < 0 ? Optional.empty() : Optional.of(version[0]);
    }

    void invalidateAll() {
        context.redis().ifPresent(guard -> guard.invalidation("INVALIDATE ALL", r -> {
            long deleted = r.deleteMatching(RedisKeys.allOf(name));
            r.publish(RedisKeys.CHANNEL, "a|" + name);
            return deleted;
        }));
    }

    private Entry callLoader(String key, Function<? super String, ? extends V> loader, long version) {
        long start = System.nanoTime();
        try {
            V value = loader.apply(key);
            metrics.loads.increment();
            return entry(value, version);
        } catch (RuntimeException e) {
            metrics.loadFailures.increment();
            throw e;
        } finally {
            metrics.loadLatency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private Entry entry(V value, long version) {
        long now = context.ticker().read();
        if (value == null) {
            return new Entry(null, Entry.Kind.ABSENT, version, 0, now, 0, 16);
        }
        int weight = spec.l1MaxWeight() > 0 ? 64 + codec.encode(value).length : 64;
        return new Entry(value, Entry.Kind.VALUE, version, 0, now, 0, weight);
    }

    /** Writes L2 under the version fence; false only when the fence refused it (the version moved). */
    private boolean writeL2(String dataKey, String versionKey, Entry entry) {
        boolean present = entry.kind() == Entry.Kind.VALUE;
        if (!present && spec.negativeTtl().isZero()) {
            return true;
        }
        @SuppressWarnings("unchecked")
        byte[] payload = present ? codec.encode((V) entry.value()) : null;
        byte[] bytes = ValueFormat.encode(present, entry.version(), payload);
        long ttl = (present ? spec.l2Ttl() : spec.negativeTtl()).toMillis();
        Optional<Boolean> written = call("SET", r -> r.putIfVersion(dataKey, versionKey, entry.version(), bytes, ttl));
        if (written.isPresent() && !written.get()) {
            metrics.stalePrevented.increment(); // invalidated while we loaded: the newer version wins
            return false;
        }
        return true;
    }

    /** The entry in {@code fetched} if it exists and carries the current version. */
    private Optional<Entry> usable(CacheRedis.Fetched fetched) {
        if (fetched.data() == null) {
            return Optional.empty();
        }
        ValueFormat.Decoded decoded = ValueFormat.decode(name, fetched.data());
        if (decoded.version() != fetched.version()) {
            metrics.stalePrevented.increment();
            return Optional.empty();
        }
        long now = context.ticker().read();
        if (!decoded.present()) {
            return Optional.of(new Entry(null, Entry.Kind.ABSENT, decoded.version(), 0, now, 0, 16));
        }
        V value = codec.decode(decoded.payload());
        return Optional.of(new Entry(value, Entry.Kind.VALUE, decoded.version(), 0, now, 0, 64 + decoded.payload().length));
    }

    private <T> Optional<T> call(String what, Function<CacheRedis, T> call) {
        return context.redis().isEmpty() ? Optional.empty() : context.redis().get().call(what, call);
    }
}
