package io.cairn.cache;

import java.time.Duration;
import java.util.List;

/**
 * {@code cairn cache stats}: the caches opened in this JVM and the state of Redis and the channel.
 *
 * @param redis          the Redis database id ("" without one)
 * @param redisAvailable whether Redis answers (the circuit breaker is closed)
 * @param channelTrusted whether this JVM's L1 is trusted (its heartbeat comes back within Δ)
 * @param staleness      the bound Δ
 * @param caches         one entry per cache opened in this JVM
 */
public record CacheReport(String redis, boolean redisAvailable, boolean channelTrusted, Duration staleness,
        List<CacheStats> caches) {
}
