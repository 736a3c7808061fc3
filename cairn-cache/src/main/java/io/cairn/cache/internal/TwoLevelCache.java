package io.cairn.cache.internal;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.cairn.cache.Cache;
import io.cairn.cache.CacheCodec;
import io.cairn.cache.CacheSpec;
import io.cairn.cache.CacheStats;
import io.cairn.cache.WarmResult;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.tx.Tx;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A named cache: L1 (Caffeine, W-TinyLFU, per-entry expiry on the injected ticker) over L2
 * (Redis, through {@link Loading}), with the version fence and the channel epoch applied at every
 * L1 write. Invariants: (1) an L1 entry is served only if installed in the current epoch; (2) an
 * entry loaded at version v is never installed over a tombstone or value of a higher version;
 * (3) entries installed while the channel is untrusted live at most Δ.
 */
public final class TwoLevelCache<V> implements Cache<String, V>, InvalidationBus.Listener {
    private final String name;
    private final CacheSpec spec;
    private final CacheContext context;
    private final CacheCodec<V> codec;
    private final Function<? super String, ? extends V> defaultLoader;
    private final com.github.benmanes.caffeine.cache.Cache<String, Entry> l1;
    private final CacheMetrics metrics;
    private final Loading<V> loading;
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

    TwoLevelCache(String name, CacheSpec spec, CacheContext context, CacheCodec<V> codec,
            Function<? super String, ? extends V> defaultLoader) {
        this.name = name;
        this.spec = spec;
        this.context = context;
        this.codec = codec;
        this.defaultLoader = defaultLoader;
        Caffeine<String, Entry> builder = Caffeine.newBuilder().ticker(context.ticker()).executor(Runnable::run)
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String key, Entry entry, long now) {
                        return entry.lifetime();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Entry entry, long now, long remaining) {
                        return entry.lifetime();
                    }

                    @Override
                    public long expireAfterRead(String key, Entry entry, long now, long remaining) {
                        return remaining;
                    }
                });
        if (spec.l1MaxSize() > 0) {
            builder.maximumSize(spec.l1MaxSize());
        } else {
            builder.maximumWeight(spec.l1MaxWeight()).weigher((key, entry) -> entry.weight());
        }
        CacheMetrics[] holder = new CacheMetrics[1];
        builder.evictionListener((key, entry, cause) -> {
            if (cause == RemovalCause.SIZE && holder[0] != null) {
                holder[0].evictions.increment();
            }
        });
        this.l1 = builder.build();
        this.metrics = new CacheMetrics(context.registry(), name, l1::estimatedSize);
        holder[0] = metrics;
        this.loading = new Loading<>(name, spec, context, codec, metrics);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public V get(String key, Function<? super String, ? extends V> loader) {
        context.trusted(); // notices a late heartbeat (and flushes) before the epoch is read
        long epoch = context.epoch();
        Entry entry = l1.getIfPresent(key);
        if (entry != null && entry.servable(epoch)) {
            metrics.l1Hits.increment();
            refreshIfDue(key, entry, loader);
            return value(entry);
        }
        long start = System.nanoTime();
        Loading.Loaded loaded = loading.load(key, loader);
        (loaded.fromL2() ? metrics.l2Latency : metrics.missLatency).record(System.nanoTime() - start,
                java.util.concurrent.TimeUnit.NANOSECONDS);
        (loaded.fromL2() ? metrics.l2Hits : metrics.misses).increment();
        if (!loaded.superseded()) {
            install(key, loaded.entry(), epoch);
        }
        return value(loaded.entry());
    }

    @Override
    public V get(String key) {
        return get(key, requireDefaultLoader());
    }

    @Override
    public Optional<V> getIfPresent(String key) {
        Entry entry = l1.getIfPresent(key);
        if (entry != null && entry.servable(context.epoch())) {
            metrics.l1Hits.increment();
            return Optional.ofNullable(value(entry));
        }
        return loading.fromL2(key).map(this::value);
    }

    @Override
    public Map<String, V> getAll(Collection<? extends String> keys,
            Function<? super Set<String>, ? extends Map<? extends String, ? extends V>> loader) {
        long epoch = context.epoch();
        Map<String, V> found = new LinkedHashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        for (String key : keys) {
            Entry entry = l1.getIfPresent(key);
            if (entry != null && entry.servable(epoch)) {
                metrics.l1Hits.increment();
                if (entry.kind() == Entry.Kind.VALUE) {
                    found.put(key, value(entry));
                }
            } else {
                missing.add(key);
            }
        }
        if (missing.isEmpty()) {
            return found;
        }
        Map<String, Entry> loaded = loading.loadAll(missing, loader);
        loaded.forEach((key, entry) -> {
            install(key, entry, epoch);
            if (entry.kind() == Entry.Kind.VALUE) {
                found.put(key, value(entry));
            }
        });
        return found;
    }

    @Override
    public void invalidate(String key) {
        l1.invalidate(key);
        metrics.invalidations.increment();
        Optional<Long> version = loading.invalidate(key);
        // Redis down: block this key in L1 until the channel works again (the flush then lifts it)
        tombstone(key, version.orElse(Long.MAX_VALUE));
    }

    @Override
    public void invalidateAfterCommit(Tx tx, String key) {
        tx.afterCommit(() -> invalidate(key));
    }

    @Override
    public void invalidateAll() {
        loading.invalidateAll();
        flush();
    }

    @Override
    public WarmResult warm() {
        return new Warming<>(this, spec, context).run(requireDefaultLoader());
    }

    @Override
    public CacheStats stats() {
        return new CacheStats(name, (long) metrics.l1Hits.count(), (long) metrics.l2Hits.count(),
                (long) metrics.misses.count(), (long) metrics.loads.count(), (long) metrics.loadFailures.count(),
                (long) metrics.evictions.count(), (long) metrics.invalidations.count(),
                (long) metrics.stalePrevented.count(), (long) metrics.l1Flushes.count(), l1.estimatedSize(),
                context.redis().map(RedisGuard::available).orElse(false));
    }

    /** An invalidation from the channel (another JVM's, or this one's echo). */
    @Override
    public void message(String kind, String cache, String rest) {
        if (!cache.equals(name)) {
            return;
        }
        switch (kind) {
            case "i" -> {
                int bar = rest.indexOf('|');
                tombstone(rest.substring(bar + 1), Long.parseLong(rest.substring(0, bar)));
                metrics.invalidations.increment();
            }
            case "a" -> flush();
            case "w" -> {
                if (defaultLoader != null) {
                    context.background().execute(this::warm);
                }
            }
            default -> { }
        }
    }

    @Override
    public void flush() {
        l1.invalidateAll();
        metrics.l1Flushes.increment();
    }

    boolean hasDefaultLoader() {
        return defaultLoader != null;
    }

    private Function<? super String, ? extends V> requireDefaultLoader() {
        if (defaultLoader == null) {
            throw new CairnException(ErrorCode.USAGE, "cache '" + name + "' was opened without a loader; pass one to get(key, "
                    + "loader) or open it with cairn.cache().named(name, type, loader)");
        }
        return defaultLoader;
    }

    /** Puts a tombstone of {@code version} unless L1 holds a value of that version or newer. */
    private void tombstone(String key, long version) {
        long epoch = context.epoch();
        long lifetime = Math.min(spec.l1Ttl().toNanos(), context.trusted() ? Long.MAX_VALUE : context.untrustedLifetime());
        l1.asMap().compute(key, (k, old) -> old != null && old.kind() != Entry.Kind.TOMBSTONE && old.epoch() == epoch
                && old.version() >= version ? old : new Entry(null, Entry.Kind.TOMBSTONE, version, epoch, 0, lifetime, 16));
    }

    /** Installs a loaded entry in L1 if its epoch is still current and no newer version is there. */
    void install(String key, Entry loaded, long loadEpoch) {
        if (loaded.kind() == Entry.Kind.ABSENT && spec.negativeTtl().isZero()) {
            return;
        }
        long ttl = (loaded.kind() == Entry.Kind.ABSENT ? spec.negativeTtl() : spec.l1Ttl()).toNanos();
        long lifetime = context.trusted() ? ttl : Math.min(ttl, context.untrustedLifetime());
        if (context.epoch() != loadEpoch) {
            return;
        }
        Entry fresh = loaded.installed(loadEpoch, lifetime);
        Entry kept = l1.asMap().compute(key, (k, old) -> {
            if (old != null && old.epoch() == loadEpoch && old.version() > loaded.version()) {
                metrics.stalePrevented.increment();
                return old;
            }
            return fresh;
        });
        if (kept == fresh && context.epoch() != loadEpoch) {
            l1.asMap().remove(key, fresh); // a flush ran while we installed
        }
    }

    private void refreshIfDue(String key, Entry entry, Function<? super String, ? extends V> loader) {
        if (spec.refreshAfter().isZero() || context.ticker().read() - entry.loadedAt() < spec.refreshAfter().toNanos()
                || !refreshing.add(key)) {
            return;
        }
        long epoch = context.epoch();
        context.background().execute(() -> {
            try {
                loading.reload(key, loader).ifPresent(reloaded -> install(key, reloaded, epoch));
            } catch (RuntimeException e) {
                // the old value stays until it expires; the next due hit tries again
            } finally {
                refreshing.remove(key);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private V value(Entry entry) {
        return (V) entry.value();
    }
}
