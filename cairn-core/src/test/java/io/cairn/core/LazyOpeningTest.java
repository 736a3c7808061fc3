package io.cairn.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A DataManager opens a database's pool or client on first use only: an operation on one
 * database never creates the clients of the others, health opens them all, close closes only
 * what was opened. No server is needed: nothing here may connect.
 */
class LazyOpeningTest {

    private static TestConfigs fourDatabases() {
        return TestConfigs.databases()
                .add("main", "postgresql", "postgresql://app@127.0.0.1:" + TestConfigs.closedPort() + "/app", "pw",
                        "connect-timeout: 1s, retry: { attempts: 1 }")
                .add("legacy", "mariadb", "mariadb://app@127.0.0.1:" + TestConfigs.closedPort() + "/app", "pw",
                        "connect-timeout: 1s, retry: { attempts: 1 }")
                .add("cache", "redis", "redis://127.0.0.1:" + TestConfigs.closedPort() + "/0", null,
                        "connect-timeout: 1s, retry: { attempts: 1 }")
                .add("docs", "mongodb", "mongodb://127.0.0.1:" + TestConfigs.closedPort() + "/docs", null,
                        "connect-timeout: 1s, retry: { attempts: 1 }");
    }

    @Test
    void openingCreatesNothingAndAnOperationOpensOnlyItsDatabase() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (DataManager dm = DataManager.builder(fourDatabases().config()).meterRegistry(registry).open()) {
            assertThat(dm.openedDatabaseIds()).isEmpty();
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("cluster-"));
            // every database has its meters at once, pool gauges reading an empty pool
            assertThat(registry.find("cairn.db.pool.max").tag("db", "cache").gauge()).isNotNull();
            assertThat(registry.find("cairn.db.pool.idle").tag("db", "docs").gauge().value()).isZero();

            catchThrowableOfType(() -> dm.query("main", "SELECT 1"), CairnException.class);

            assertThat(dm.openedDatabaseIds()).containsExactly("main");
            assertThat(dm.toString()).contains("opened=[main]");
        }
    }

    @Test
    void healthOpensEveryDatabase() {
        try (DataManager dm = DataManager.open(fourDatabases().config())) {
            dm.health();

            assertThat(dm.openedDatabaseIds()).containsExactly("main", "legacy", "cache", "docs");
        }
    }

    @Test
    void concurrentFirstUsesOpenOneAdapter() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (DataManager dm = DataManager.open(fourDatabases().config())) {
            List<Future<DatabaseAdapter>> adapters = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                adapters.add(pool.submit(() -> dm.adapter("cache")));
            }
            DatabaseAdapter first = adapters.get(0).get();
            for (Future<DatabaseAdapter> adapter : adapters) {
                assertThat(adapter.get()).isSameAs(first);
            }
            assertThat(dm.openedDatabaseIds()).containsExactly("cache");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closeClosesWhatWasOpenedAndNothingOpensAfterwards() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DataManager dm = DataManager.builder(fourDatabases().config()).meterRegistry(registry).open();
        DatabaseAdapter cache = dm.adapter("cache");

        dm.close();

        assertThat(cache.poolUsage().idle()).isZero();
        assertThat(registry.find("cairn.db.queries").meters()).isEmpty();
        CairnException e = catchThrowableOfType(() -> dm.adapter("docs"), CairnException.class);
        assertThat(e.code()).isEqualTo(ErrorCode.PRECONDITION);
        assertThat(dm.openedDatabaseIds()).containsExactly("cache");
    }
}
