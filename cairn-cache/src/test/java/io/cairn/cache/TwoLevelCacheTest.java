package io.cairn.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.DataManager;
import io.cairn.testkit.Await;
import io.cairn.testkit.RedisExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Several cache nodes (each its own Caches: own L1, own channel) over one real Redis. */
class TwoLevelCacheTest {
    @RegisterExtension
    static final RedisExtension redis = RedisExtension.create();

    private final List<AutoCloseable> opened = new ArrayList<>();

    record Customer(String id, long version) {
    }

    // each test uses cache names of its own, so tests share the server without cleaning it

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    private Caches node(CacheSettings settings, CacheFixtures.ManualTicker ticker) {
        DataManager databases = CacheFixtures.databases(redis.cairnUrl(), Optional.empty(), Optional.empty());
        Caches caches = CacheFixtures.node(databases, settings, ticker);
        opened.add(0, databases);
        opened.add(0, caches);
        Await.until(Duration.ofSeconds(10), "the channel is trusted", () -> caches.stats().channelTrusted());
        return caches;
    }

    @Test
    void l1ThenL2ThenLoaderAndTtlAndRefreshOnTheTicker() {
        CacheFixtures.ManualTicker ticker = new CacheFixtures.ManualTicker();
        CacheSettings settings = CacheFixtures.settings().withCache("customers-" + ticker.hashCode(), CacheSpec.defaults()
                .withL1(100, 0, Duration.ofMinutes(5)).withRefreshAfter(Duration.ofMinutes(1)));
        Caches a = node(settings, ticker);
        Caches b = node(settings, ticker);
        AtomicInteger loads = new AtomicInteger();
        Cache<String, Customer> ca = a.named("customers-" + ticker.hashCode(), Customer.class);
        Cache<String, Customer> cb = b.named("customers-" + ticker.hashCode(), Customer.class);
        assertThat(ca.get("42", id -> new Customer(id, loads.incrementAndGet()))).isEqualTo(new Customer("42", 1));
        assertThat(ca.get("42", id -> new Customer(id, loads.incrementAndGet()))).isEqualTo(new Customer("42", 1));
        assertThat(cb.get("42", id -> new Customer(id, loads.incrementAndGet()))).isEqualTo(new Customer("42", 1));
        assertThat(loads).hasValue(1);
        assertThat(ca.stats().l1Hits()).isEqualTo(1);
        assertThat(cb.stats().l2Hits()).isEqualTo(1);

        // refresh-ahead: a hit after refresh-after serves the old value and reloads in the background
        ticker.advance(Duration.ofSeconds(61));
        assertThat(ca.get("42", id -> new Customer(id, 10 + loads.incrementAndGet()))).isEqualTo(new Customer("42", 1));
        Await.until(Duration.ofSeconds(5), "the refresh", () -> ca.get("42", id -> null).version() == 12);

        // L1 expiry on the ticker: L2 still answers without the loader
        ticker.advance(Duration.ofMinutes(6));
        assertThat(cb.get("42", id -> new Customer(id, 99))).isEqualTo(new Customer("42", 12));
        assertThat(cb.stats().l2Hits()).isEqualTo(2);
    }

    @Test
    void negativeCachingAndBulkGet() {
        Caches a = node(CacheFixtures.settings(), new CacheFixtures.ManualTicker());
        Cache<String, Customer> cache = a.named("people", Customer.class);
        AtomicInteger loads = new AtomicInteger();
        assertThat(cache.get("none", id -> {
            loads.incrementAndGet();
            return null;
        })).isNull();
        assertThat(cache.get("none", id -> new Customer(id, 1))).isNull();
        assertThat(loads).hasValue(1);
        cache.get("1", id -> new Customer(id, 1));
        AtomicInteger bulkCalls = new AtomicInteger();
        Map<String, Customer> all = cache.getAll(List.of("1", "2", "3"), keys -> {
            bulkCalls.incrementAndGet();
            assertThat(keys).containsExactlyInAnyOrder("2", "3");
            return Map.of("2", new Customer("2", 1));
        });
        assertThat(all).containsOnlyKeys("1", "2");
        assertThat(bulkCalls).hasValue(1);
        assertThat(cache.getAll(List.of("1", "2", "3"), keys -> {
            throw new AssertionError("all cached, 3 as absent");
        })).containsOnlyKeys("1", "2");
    }

    @Test
    void invalidationReachesEveryNodeAndALateLoadCannotOverwriteIt() throws Exception {
        CacheFixtures.ManualTicker ticker = new CacheFixtures.ManualTicker();
        Caches a = node(CacheFixtures.settings(), ticker);
        Caches b = node(CacheFixtures.settings(), ticker);
        Cache<String, Customer> ca = a.named("customers-" + ticker.hashCode(), Customer.class);
        Cache<String, Customer> cb = b.named("customers-" + ticker.hashCode(), Customer.class);
        cb.get("7", id -> new Customer(id, 1));
        ca.get("7", id -> new Customer(id, 1));
        ca.invalidate("7");
        Await.until(Duration.ofSeconds(5), "b hears the invalidation", () -> cb.stats().invalidations() >= 1);
        assertThat(cb.get("7", id -> new Customer(id, 2))).isEqualTo(new Customer("7", 2));

        // Caffeine #193: a load reads version 1 from the database, then the row changes and is invalidated,
        // then the slow load finishes: it must neither reach L2 nor L1
        CountDownLatch loaderRead = new CountDownLatch(1);
        CountDownLatch invalidated = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            ca.invalidate("8");
            Future<Customer> slow = pool.submit(() -> ca.get("8", id -> {
                loaderRead.countDown();
                await(invalidated);
                return new Customer(id, 1);
            }));
            loaderRead.await();
            cb.invalidate("8");
            invalidated.countDown();
            assertThat(slow.get()).isEqualTo(new Customer("8", 1)); // its caller gets what it read
            assertThat(ca.get("8", id -> new Customer(id, 2))).isEqualTo(new Customer("8", 2));
            assertThat(cb.get("8", id -> new Customer(id, 3))).isEqualTo(new Customer("8", 2));
            assertThat(ca.stats().stalePrevented()).isGreaterThanOrEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aThousandConcurrentGetsOnThreeNodesCallTheLoaderOnce() throws Exception {
        List<Cache<String, Customer>> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            nodes.add(node(CacheFixtures.settings(), new CacheFixtures.ManualTicker()).named("hot", Customer.class));
        }
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(48);
        try {
            List<Future<Customer>> gets = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                Cache<String, Customer> cache = nodes.get(i % 3);
                gets.add(pool.submit(() -> {
                    start.await();
                    return cache.get("hot", id -> {
                        loads.incrementAndGet();
                        try {
                            Thread.sleep(100); // a slow query, so the gets overlap it (not waiting for anything)
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return new Customer(id, 1);
                    });
                }));
            }
            start.countDown();
            for (Future<Customer> get : gets) {
                assertThat(get.get()).isEqualTo(new Customer("hot", 1));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(loads).hasValue(1);
    }

    @Test
    void queryCacheInvalidatedByTagFromAnotherNode() {
        Caches a = node(CacheFixtures.settings(), new CacheFixtures.ManualTicker());
        Caches b = node(CacheFixtures.settings(), new CacheFixtures.ManualTicker());
        QueryCache qa = a.queries("orders");
        QueryCache qb = b.queries("orders");
        AtomicInteger loads = new AtomicInteger();
        String sql = "SELECT id FROM orders WHERE customer = ?";
        assertThat(qa.get(sql, List.of(42), Set.of("customer:42"), Integer.class, loads::incrementAndGet)).isEqualTo(1);
        assertThat(qa.get(sql, List.of(42), Set.of("customer:42"), Integer.class, loads::incrementAndGet)).isEqualTo(1);
        assertThat(qb.get(sql, List.of(42), Set.of("customer:42"), Integer.class, loads::incrementAndGet)).isEqualTo(1);
        assertThat(qb.get(sql, List.of(7), Set.of("customer:7"), Integer.class, loads::incrementAndGet)).isEqualTo(2);
        // the projection hook
        qb.invalidator().invalidate(List.of("customer:42"));
        assertThat(qb.get(sql, List.of(42), Set.of("customer:42"), Integer.class, loads::incrementAndGet)).isEqualTo(3);
        Await.until(Duration.ofSeconds(5), "a hears the tag", () ->
                qa.get(sql, List.of(42), Set.of("customer:42"), Integer.class, () -> -1) == 3);
        assertThat(qa.get(sql, List.of(7), Set.of("customer:7"), Integer.class, () -> -1)).isEqualTo(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
