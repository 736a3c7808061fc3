package io.cairn.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import io.cairn.core.DataManager;
import io.cairn.core.Sleeper;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseType;
import io.cairn.core.config.DatabaseUrl;
import io.cairn.core.config.Secret;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Test helpers: a DataManager with "cache" (Redis) and optionally "main" (PostgreSQL); one cache node = one Caches. */
final class CacheFixtures {
    private CacheFixtures() {
    }

    /** A Caffeine ticker moved by hand. */
    static final class ManualTicker implements Ticker {
        private final AtomicLong nanos = new AtomicLong(1);

        @Override
        public long read() {
            return nanos.get();
        }

        void advance(Duration duration) {
            nanos.addAndGet(duration.toNanos());
        }
    }

    static DataManager databases(String redisUrl, Optional<String> postgresUrl, Optional<String> postgresPassword) {
        List<DatabaseConfig> databases = new ArrayList<>();
        databases.add(DatabaseConfig.of("cache", DatabaseType.REDIS, DatabaseUrl.parse(redisUrl, 6379), Optional.empty())
                .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(2)));
        postgresUrl.ifPresent(url -> databases.add(DatabaseConfig.of("main", DatabaseType.POSTGRESQL,
                DatabaseUrl.parse(url, 5432), postgresPassword.map(Secret::of))));
        return DataManager.open(CairnConfig.of(databases));
    }

    static CacheSettings settings() {
        return CacheSettings.defaults().withRedis("cache").withHeartbeat(Duration.ofMillis(50), Duration.ofMillis(200))
                .withBreaker(2, Duration.ofMillis(200));
    }

    static Caches node(DataManager databases, CacheSettings settings, Ticker ticker) {
        return Caches.open(databases, settings, Clock.systemUTC(), Sleeper.system(), new SimpleMeterRegistry(), ticker);
    }
}
