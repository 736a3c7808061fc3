package io.cairn.cache.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every cache call to Redis goes through here: a call is skipped while the circuit breaker is open,
 * a failure counts towards opening it and turns into "no answer" (the cache then serves from L1
 * and the loader). Invalidations that could not be sent are kept, in order, and replayed before
 * anything else once Redis answers again. Opening and closing are logged (the alert) and counted.
 */
final class RedisGuard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisGuard.class);
    private static final int MAX_PENDING = 100_000;

    private final String db;
    private final CacheRedis redis;
    private final CircuitBreaker breaker;
    private final CacheMetrics.Shared metrics;
    private final Deque<Function<CacheRedis, ?>> pending = new ArrayDeque<>();
    private volatile int pendingCount;

    RedisGuard(String db, CacheRedis redis, CircuitBreaker breaker, CacheMetrics.Shared metrics) {
        this.db = db;
        this.redis = redis;
        this.breaker = breaker;
        this.metrics = metrics;
        metrics.redisAvailable(breaker::isClosed);
    }

    /** The answer of {@code call}, or empty when Redis is skipped or failed. */
    <T> Optional<T> call(String what, Function<CacheRedis, T> call) {
        if (!breaker.allow()) {
            metrics.redisSkipped();
            return Optional.empty();
        }
        try {
            T answer = call.apply(redis);
            if (breaker.success()) {
                LOG.warn("cache on database '{}': Redis answers again; the circuit breaker closed", db);
            }
            if (pendingCount > 0) {
                replayPending();
            }
            return Optional.ofNullable(answer);
        } catch (RuntimeException e) {
            metrics.redisFailure();
            if (breaker.failure()) {
                LOG.error("cache on database '{}': Redis failed ({}: {}); the circuit breaker opened, the cache serves from L1 "
                        + "and the loaders until Redis answers again", db, what, e.toString());
            } else {
                LOG.debug("cache on database '{}': {} failed: {}", db, what, e.toString());
            }
            return Optional.empty();
        }
    }

    /**
     * Sends an invalidation now or, if Redis cannot be reached, keeps it to send first when it can
     * (other JVMs' L1s are safe meanwhile: their channel is down too and their L1 is no longer trusted).
     */
    void invalidation(String what, Function<CacheRedis, ?> send) {
        synchronized (pending) {
            if (!pending.isEmpty()) {
                queue(send);
                return;
            }
        }
        if (call(what, send).isEmpty()) {
            queue(send);
        }
    }

    private void queue(Function<CacheRedis, ?> send) {
        synchronized (pending) {
            if (pending.size() >= MAX_PENDING) {
                pending.removeFirst();
                LOG.error("cache on database '{}': more than {} invalidations wait for Redis; the oldest was dropped "
                        + "(its entry expires with its l2.ttl)", db, MAX_PENDING);
            }
            pending.addLast(send);
            pendingCount = pending.size();
            metrics.pendingInvalidations(pendingCount);
        }
    }

    private void replayPending() {
        synchronized (pending) {
            while (!pending.isEmpty()) {
                try {
                    pending.peekFirst().apply(redis);
                    pending.removeFirst();
                } catch (RuntimeException e) {
                    breaker.failure();
                    LOG.warn("cache on database '{}': replaying invalidations failed: {}", db, e.toString());
                    break;
                }
            }
            pendingCount = pending.size();
            metrics.pendingInvalidations(pendingCount);
        }
    }

    /** Forces a probe of Redis (the heartbeat calls this so a quiet cache still notices recovery). */
    void probe() {
        call("PING", r -> r.leaseHeld("cairn:cache:probe"));
    }

    int pending() {
        return pendingCount;
    }

    boolean available() {
        return breaker.isClosed();
    }

    CacheRedis redis() {
        return redis;
    }

    @Override
    public void close() {
        redis.close();
    }
}
