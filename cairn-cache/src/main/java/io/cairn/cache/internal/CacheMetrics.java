package io.cairn.cache.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The meters of one cache, in the facade's registry (so the agent's /metrics serves them):
 * {@code cairn.cache.gets{cache,result=l1_hit|l2_hit|miss}}, {@code cairn.cache.loads{cache,outcome}},
 * {@code cairn.cache.load.latency}, {@code cairn.cache.get.latency{cache,level}},
 * {@code cairn.cache.evictions}, {@code cairn.cache.invalidations}, {@code cairn.cache.stale.prevented},
 * {@code cairn.cache.l1.flushes}, gauges {@code cairn.cache.l1.size} and
 * {@code cairn.cache.hit.ratio{cache,level=l1|l2|all}}.
 */
final class CacheMetrics {
    final Counter l1Hits;
    final Counter l2Hits;
    final Counter misses;
    final Counter loads;
    final Counter loadFailures;
    final Counter evictions;
    final Counter invalidations;
    final Counter stalePrevented;
    final Counter l1Flushes;
    final Timer loadLatency;
    final Timer l1Latency;
    final Timer l2Latency;
    final Timer missLatency;

    CacheMetrics(MeterRegistry registry, String cache, LongSupplier l1Size) {
        l1Hits = Counter.builder("cairn.cache.gets").tag("cache", cache).tag("result", "l1_hit").register(registry);
        l2Hits = Counter.builder("cairn.cache.gets").tag("cache", cache).tag("result", "l2_hit").register(registry);
        misses = Counter.builder("cairn.cache.gets").tag("cache", cache).tag("result", "miss").register(registry);
        loads = Counter.builder("cairn.cache.loads").tag("cache", cache).tag("outcome", "success").register(registry);
        loadFailures = Counter.builder("cairn.cache.loads").tag("cache", cache).tag("outcome", "failure").register(registry);
        evictions = Counter.builder("cairn.cache.evictions").tag("cache", cache).register(registry);
        invalidations = Counter.builder("cairn.cache.invalidations").tag("cache", cache).register(registry);
        stalePrevented = Counter.builder("cairn.cache.stale.prevented").tag("cache", cache)
                .description("late loads and old L2 values refused by the version fence").register(registry);
        l1Flushes = Counter.builder("cairn.cache.l1.flushes").tag("cache", cache).register(registry);
        loadLatency = Timer.builder("cairn.cache.load.latency").tag("cache", cache).register(registry);
        l1Latency = Timer.builder("cairn.cache.get.latency").tag("cache", cache).tag("level", "l1").register(registry);
        l2Latency = Timer.builder("cairn.cache.get.latency").tag("cache", cache).tag("level", "l2").register(registry);
        missLatency = Timer.builder("cairn.cache.get.latency").tag("cache", cache).tag("level", "loader").register(registry);
        Gauge.builder("cairn.cache.l1.size", l1Size::getAsLong).tag("cache", cache).register(registry);
        Gauge.builder("cairn.cache.hit.ratio", () -> ratio(l1Hits.count())).tag("cache", cache).tag("level", "l1")
                .register(registry);
        Gauge.builder("cairn.cache.hit.ratio", () -> ratio(l2Hits.count())).tag("cache", cache).tag("level", "l2")
                .register(registry);
        Gauge.builder("cairn.cache.hit.ratio", () -> ratio(l1Hits.count() + l2Hits.count())).tag("cache", cache)
                .tag("level", "all").register(registry);
    }

    private double ratio(double hits) {
        double gets = l1Hits.count() + l2Hits.count() + misses.count();
        return gets == 0 ? 0 : hits / gets;
    }

    /** Meters of the Redis connection shared by every cache of one facade. */
    static final class Shared {
        private final MeterRegistry registry;
        private final Counter redisFailures;
        private final Counter redisSkipped;
        private final Counter channelBreaks;
        private final AtomicLong pending = new AtomicLong();

        Shared(MeterRegistry registry) {
            this.registry = registry;
            redisFailures = Counter.builder("cairn.cache.redis.failures").register(registry);
            redisSkipped = Counter.builder("cairn.cache.redis.skipped")
                    .description("Redis calls skipped because the circuit breaker is open").register(registry);
            channelBreaks = Counter.builder("cairn.cache.channel.breaks")
                    .description("times the invalidation channel broke or went quiet").register(registry);
            Gauge.builder("cairn.cache.invalidations.pending", pending::get).register(registry);
        }

        void redisAvailable(BooleanSupplier available) {
            Gauge.builder("cairn.cache.redis.available", () -> available.getAsBoolean() ? 1 : 0)
                    .description("1 while Redis answers, 0 while the cache degrades to L1 and loaders").register(registry);
        }

        void channelTrusted(BooleanSupplier trusted) {
            Gauge.builder("cairn.cache.channel.trusted", () -> trusted.getAsBoolean() ? 1 : 0).register(registry);
        }

        void redisFailure() {
            redisFailures.increment();
        }

        void redisSkipped() {
            redisSkipped.increment();
        }

        void channelBroke() {
            channelBreaks.increment();
        }

        void pendingInvalidations(int count) {
            pending.set(count);
        }
    }
}
