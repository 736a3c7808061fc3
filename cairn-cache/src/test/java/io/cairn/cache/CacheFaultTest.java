package io.cairn.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.DataManager;
import io.cairn.testkit.Await;
import io.cairn.testkit.RedisExtension;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Faults on a real Redis: the subscription connection killed, Redis stopped and started again. */
class CacheFaultTest {
    @RegisterExtension
    static final RedisExtension redis = RedisExtension.create();

    record Row(String id, long version) {
    }

    @Test
    void killedSubscriptionFlushesL1AndRedisDownDegradesToTheLoader() throws Exception {
        AtomicLong committed = new AtomicLong(1);
        try (DataManager dbA = CacheFixtures.databases(redis.cairnUrl(), Optional.empty(), Optional.empty());
             DataManager dbB = CacheFixtures.databases(redis.cairnUrl(), Optional.empty(), Optional.empty());
             DataManager admin = CacheFixtures.databases(redis.cairnUrl(), Optional.empty(), Optional.empty());
             Caches a = CacheFixtures.node(dbA, CacheFixtures.settings(), new CacheFixtures.ManualTicker());
             Caches b = CacheFixtures.node(dbB, CacheFixtures.settings(), new CacheFixtures.ManualTicker())) {
            Await.until(Duration.ofSeconds(10), "both channels trusted", () -> a.stats().channelTrusted()
                    && b.stats().channelTrusted());
            Cache<String, Row> ca = a.named("rows", Row.class);
            Cache<String, Row> cb = b.named("rows", Row.class);
            assertThat(cb.get("1", id -> new Row(id, committed.get()))).isEqualTo(new Row("1", 1));

            // CLIENT KILL of every pub/sub connection: each node flushes L1 before it trusts it again
            admin.queryDatabase("cache", "CLIENT", "KILL", "TYPE", "pubsub");
            Await.until(Duration.ofSeconds(10), "b noticed and flushed", () -> cb.stats().l1Flushes() >= 2);
            Await.until(Duration.ofSeconds(10), "b trusts its channel again", () -> b.stats().channelTrusted());
            committed.set(2);
            ca.invalidate("1");
            Await.until(Duration.ofSeconds(10), "b sees version 2 within Δ",
                    () -> cb.get("1", id -> new Row(id, committed.get())).version() == 2);

            // Redis down for longer than the TTLs: gets keep working from L1 and the loader, the breaker opens
            redis.stop();
            committed.set(3);
            ca.invalidate("1"); // queued: Redis cannot take it now
            Await.until(Duration.ofSeconds(10), "b stops trusting its L1", () -> !b.stats().channelTrusted());
            Await.until(Duration.ofSeconds(10), "b reloads from the database", () ->
                    cb.get("1", id -> new Row(id, committed.get())).version() == 3);
            Await.until(Duration.ofSeconds(10), "the breaker opens", () -> {
                cb.get("2", id -> new Row(id, committed.get()));
                return !b.stats().redisAvailable();
            });
            assertThat(b.stats().redisAvailable()).isFalse();
            redis.start();
            Await.until(Duration.ofSeconds(20), "both recover", () -> {
                ca.get("3", id -> new Row(id, 1));
                cb.get("3", id -> new Row(id, 1));
                return a.stats().redisAvailable() && b.stats().redisAvailable() && a.stats().channelTrusted()
                        && b.stats().channelTrusted();
            });
            assertThat(cb.get("1", id -> new Row(id, committed.get())).version()).isEqualTo(3);
            assertThat(ca.get("1", id -> new Row(id, committed.get())).version()).isEqualTo(3);
        }
    }
}
