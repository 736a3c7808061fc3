package io.cairn.cache.internal;

import com.github.benmanes.caffeine.cache.Ticker;
import io.cairn.core.DataManager;
import io.cairn.core.Sleeper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * What every cache of one facade shares: Redis (absent when {@code cache.redis} is not set), the
 * invalidation channel, the L1 ticker, the sleeper for lease waits and the executor for
 * refresh-ahead and warming.
 */
record CacheContext(Optional<RedisGuard> redis, Optional<InvalidationBus> bus, Ticker ticker, Clock clock, Sleeper sleeper,
        Executor background, MeterRegistry registry, DataManager databases) {

    boolean trusted() {
        return bus.map(InvalidationBus::trusted).orElse(true);
    }

    long epoch() {
        return bus.map(InvalidationBus::epoch).orElse(0L);
    }

    /** Lifetime cap of entries installed while the channel is not trusted: the staleness bound. */
    long untrustedLifetime() {
        return bus.map(InvalidationBus::deltaNanos).orElse(Long.MAX_VALUE);
    }
}
