package io.cairn.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.DataManager;
import io.cairn.testkit.Await;
import io.cairn.testkit.RedisClusterExtension;
import io.cairn.testkit.RedisClusterNode;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cache over a real Redis Cluster, with the faults: two cache nodes; a CLUSTER FAILOVER
 * of the master holding the entry's slot, then that master killed with -9. Oracle: every write
 * raises the entry's version and invalidates it; once Δ has passed after an invalidation returned,
 * no node may return an older version.
 */
class ClusterCacheTest {
    private static final String KEY_TAG = "cairn:c:{rows:1}:d";

    @RegisterExtension
    static final RedisClusterExtension cluster = RedisClusterExtension.create();

    record Row(String id, long version) {
    }

    @Test
    void invalidationReachesTheOtherNodeThroughFailoverAndAKilledMaster() throws Exception {
        AtomicLong committed = new AtomicLong(1);
        CacheSettings settings = CacheFixtures.settings();
        Duration delta = settings.staleness();
        try (DataManager dbA = CacheFixtures.databases(cluster.cairnUrl(), Optional.empty(), Optional.empty());
             DataManager dbB = CacheFixtures.databases(cluster.cairnUrl(), Optional.empty(), Optional.empty());
             Caches a = CacheFixtures.node(dbA, settings, new CacheFixtures.ManualTicker());
             Caches b = CacheFixtures.node(dbB, settings, new CacheFixtures.ManualTicker())) {
            Await.until(Duration.ofSeconds(10), "both channels trusted", () -> a.stats().channelTrusted()
                    && b.stats().channelTrusted());
            Cache<String, Row> ca = a.named("rows", Row.class);
            Cache<String, Row> cb = b.named("rows", Row.class);
            assertThat(cb.get("1", id -> new Row(id, committed.get())).version()).isEqualTo(1);
            assertThat(ca.get("1", id -> new Row(id, committed.get())).version()).isEqualTo(1);

            writeAndInvalidate(ca, committed);
            assertNoOlderThanNewestAfterDelta(ca, cb, committed, delta);

            // a coordinated failover of the master holding the entry's slot
            RedisClusterNode master = cluster.masterOf(KEY_TAG);
            cluster.failover(cluster.replicasOf(master).get(0));
            writeAndInvalidate(ca, committed);
            Await.until(Duration.ofSeconds(15), "both nodes see the newest version after the failover",
                    () -> read(ca, committed) == committed.get() && read(cb, committed) == committed.get());
            writeAndInvalidate(ca, committed);
            assertNoOlderThanNewestAfterDelta(ca, cb, committed, delta);

            // the new master killed with -9: its replica takes over after the node timeout
            RedisClusterNode holder = cluster.masterOf(KEY_TAG);
            cb.get("1", id -> new Row(id, committed.get()));
            cluster.kill(holder);
            writeAndInvalidate(ca, committed); // may be kept by a and replayed once the slot has a master again
            cluster.awaitStateOk();
            Await.until(Duration.ofSeconds(20), "both nodes see the newest version after the kill",
                    () -> read(ca, committed) == committed.get() && read(cb, committed) == committed.get());
            // the bound holds again once the writer reaches Redis and both channels are back (docs/cache.md)
            Await.until(Duration.ofSeconds(20), "both nodes reach Redis and trust their channel again", () -> {
                read(ca, committed);
                read(cb, committed);
                return a.stats().redisAvailable() && b.stats().redisAvailable() && a.stats().channelTrusted()
                        && b.stats().channelTrusted() && a.stats().caches().get(0).redisAvailable();
            });
            writeAndInvalidate(ca, committed);
            assertNoOlderThanNewestAfterDelta(ca, cb, committed, delta);
        }
    }

    private static void writeAndInvalidate(Cache<String, Row> writer, AtomicLong committed) {
        committed.incrementAndGet();
        writer.invalidate("1");
    }

    private static long read(Cache<String, Row> cache, AtomicLong committed) {
        return cache.get("1", id -> new Row(id, committed.get())).version();
    }

    /** Within Δ (plus scheduling slack) both nodes reach the newest version, and then never return an older one. */
    private static void assertNoOlderThanNewestAfterDelta(Cache<String, Row> ca, Cache<String, Row> cb, AtomicLong committed,
            Duration delta) {
        long newest = committed.get();
        Await.until(delta.plusMillis(500), "both nodes return version " + newest + " within Δ",
                () -> read(ca, committed) >= newest && read(cb, committed) >= newest);
        for (int i = 0; i < 50; i++) {
            assertThat(read(cb, committed)).isGreaterThanOrEqualTo(newest);
            assertThat(read(ca, committed)).isGreaterThanOrEqualTo(newest);
        }
    }
}
