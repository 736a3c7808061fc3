package io.cairn.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import io.cairn.testkit.Await;
import io.cairn.testkit.MongoExtension;
import io.cairn.testkit.PostgresExtension;
import io.cairn.testkit.RedisExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** close() releases every pool, client, thread and meter. */
class DataManagerLifecycleTest {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.create();
    @RegisterExtension
    static final RedisExtension redis = RedisExtension.create();
    @RegisterExtension
    static final MongoExtension mongo = MongoExtension.create();

    @Test
    void closeReleasesPoolsClientsThreadsAndMeters() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DataManager dm = DataManager.builder(TestConfigs.databases()
                .add("main", "postgresql", pg).add("cache", "redis", redis).add("docs", "mongodb", mongo).config())
                .meterRegistry(registry).open();
        // use every database so that every pool, event loop and monitor thread exists
        assertThat(dm.health().overall()).isEqualTo(HealthStatus.UP);
        dm.query("main", "SELECT 1");
        dm.queryDatabase("cache", "PING");
        dm.queryDatabase("docs", "{\"ping\": 1}");
        HikariDataSource pool = dm.unwrap("main", HikariDataSource.class);
        assertThat(registry.getMeters()).isNotEmpty();

        dm.close();
        dm.close();

        assertThat(pool.isClosed()).isTrue();
        assertThat(registry.find("cairn.db.queries").meters()).isEmpty();
        assertThat(registry.find("hikaricp.connections").meters()).isEmpty();
        Await.until(Duration.ofSeconds(10), "the threads started by the DataManager to end (state: threads left)",
                () -> describe(newThreads(before)), String::isEmpty);
        CairnException closed = catchThrowableOfType(() -> dm.query("main", "SELECT 1"), CairnException.class);
        assertThat(closed.code()).isEqualTo(ErrorCode.PRECONDITION);
    }

    /** Threads started since {@code before} that are still alive, ignoring JVM-wide ones no DataManager owns. */
    private static Set<Thread> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive())
                .filter(t -> !t.getName().startsWith("process reaper"))
                .filter(t -> !t.getName().equals("Attach Listener") && !t.getName().startsWith("Common-Cleaner"))
                .filter(t -> !t.getName().startsWith("ForkJoinPool.commonPool"))
                // pgjdbc's JVM-wide cleaner (one per JVM, ends itself when idle); no DataManager owns it
                .filter(t -> !t.getName().equals("PostgreSQL-JDBC-Cleaner"))
                .collect(Collectors.toSet());
    }

    private static String describe(Set<Thread> threads) {
        return threads.stream().map(t -> t.getName() + (t.isDaemon() ? " (daemon)" : "")).collect(Collectors.joining(", "));
    }
}
