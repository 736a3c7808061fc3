package io.cairn.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cairn.core.config.RetryConfig;
import io.cairn.testkit.net.SilentListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Databases nobody listens for: open never fails, health says DOWN, operations fail after bounded retries. */
class UnreachableDatabaseTest {
    private static final String HOST = "127.0.0.1";

    @Test
    void openSucceedsAndHealthReportsEveryDatabaseDown() {
        CairnConfig4 c = new CairnConfig4();
        try (DataManager dm = DataManager.open(c.configs.config())) {
            HealthReport report = dm.health();

            assertThat(report.overall()).isEqualTo(HealthStatus.DOWN);
            assertThat(report.databases()).extracting(DatabaseHealth::id).containsExactly("main", "legacy", "cache", "docs");
            assertThat(report.databases()).allSatisfy(health -> {
                assertThat(health.status()).isEqualTo(HealthStatus.DOWN);
                assertThat(health.serverVersion()).isEmpty();
            });
            assertThat(report.database("main").orElseThrow().error()).hasValueSatisfying(m -> assertThat(m)
                    .isEqualTo("cannot connect to 127.0.0.1:" + c.ports.get(0) + ": connection refused (connect timeout 2s; "
                            + "is the server running and is url: in cairn.yaml right?)"));
            assertThat(report.database("legacy").orElseThrow().error()).hasValueSatisfying(m -> assertThat(m)
                    .startsWith("cannot connect to 127.0.0.1:" + c.ports.get(1) + ": connection refused"));
            assertThat(report.database("cache").orElseThrow().error()).hasValueSatisfying(m -> assertThat(m)
                    .startsWith("cannot connect to 127.0.0.1:" + c.ports.get(2) + ": connection refused"));
            assertThat(report.database("docs").orElseThrow().error()).hasValueSatisfying(m -> assertThat(m)
                    .startsWith("cannot connect to 127.0.0.1:" + c.ports.get(3)));
        }
    }

    @Test
    void operationsFailWithConnectionFailedAfterExponentialBackoff() {
        CairnConfig4 c = new CairnConfig4();
        TestConfigs.RecordingSleeper sleeper = new TestConfigs.RecordingSleeper();
        try (DataManager dm = DataManager.builder(c.configs.config()).sleeper(sleeper).open()) {
            List<CairnException> failures = new ArrayList<>();
            failures.add(catchThrowableOfType(() -> dm.query("main", "SELECT 1"), CairnException.class));
            failures.add(catchThrowableOfType(() -> dm.execute("legacy", "SELECT 1"), CairnException.class));
            failures.add(catchThrowableOfType(() -> dm.queryDatabase("cache", "GET", "k"), CairnException.class));
            failures.add(catchThrowableOfType(() -> dm.queryDatabase("docs", "{\"ping\": 1}"), CairnException.class));

            assertThat(failures).allSatisfy(e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
                assertThat(e.getMessage()).contains("gave up after 3 attempts");
            });
            assertThat(failures.get(0).getMessage()).isEqualTo("database 'main': cannot connect to 127.0.0.1:" + c.ports.get(0)
                    + ": connection refused (gave up after 3 attempts, connect timeout 2s; is the server running and is url: "
                    + "in cairn.yaml right?)");
            // 4 operations x 2 retries, each wait within [base * (1 - jitter), base] and doubling
            List<Duration> waits = sleeper.waits();
            assertThat(waits).hasSize(8);
            for (int op = 0; op < 4; op++) {
                assertThat(waits.get(2 * op)).isBetween(Duration.ofMillis(80), Duration.ofMillis(100));
                assertThat(waits.get(2 * op + 1)).isBetween(Duration.ofMillis(160), Duration.ofMillis(200));
            }
        }
    }

    @Test
    void aServerThatNeverAnswersIsDownWithinItsTimeoutWhileOthersAreStillReported() {
        // accepts TCP connections but never speaks: only the health deadline can end the check
        try (SilentListener silent = new SilentListener()) {
            TestConfigs configs = TestConfigs.databases()
                    .add("hung", "postgresql", "postgresql://app@127.0.0.1:" + silent.port() + "/app", "pw",
                            "connect-timeout: 1s, pool: { connection-timeout: 500ms }")
                    .add("gone", "redis", "redis://127.0.0.1:" + TestConfigs.closedPort(), null, TestConfigs.FAST);
            try (DataManager dm = DataManager.open(configs.config())) {
                HealthReport report = dm.health();

                assertThat(report.database("hung").orElseThrow().status()).isEqualTo(HealthStatus.DOWN);
                assertThat(report.database("hung").orElseThrow().error()).hasValueSatisfying(m -> assertThat(m)
                        .contains("no answer within"));
                assertThat(report.database("gone").orElseThrow().status()).isEqualTo(HealthStatus.DOWN);
            }
        }
    }

    @Test
    void retriesCanBeTurnedOff() {
        TestConfigs.RecordingSleeper sleeper = new TestConfigs.RecordingSleeper();
        TestConfigs configs = TestConfigs.databases().add("main", "postgresql",
                "postgresql://app@127.0.0.1:" + TestConfigs.closedPort() + "/app", "pw",
                "connect-timeout: 1s, pool: { connection-timeout: 300ms }, retry: { attempts: 1 }");
        try (DataManager dm = DataManager.builder(configs.config()).sleeper(sleeper).open()) {
            CairnException e = catchThrowableOfType(() -> dm.query("main", "SELECT 1"), CairnException.class);

            assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
            assertThat(e.getMessage()).doesNotContain("attempts");
            assertThat(sleeper.waits()).isEmpty();
            assertThat(RetryConfig.none().attempts()).isEqualTo(1);
        }
    }

    /** One database of each kind, each on its own closed port. */
    private static final class CairnConfig4 {
        final List<Integer> ports = List.of(TestConfigs.closedPort(), TestConfigs.closedPort(), TestConfigs.closedPort(),
                TestConfigs.closedPort());
        final String fast = "connect-timeout: 2s, pool: { connection-timeout: 300ms }, "
                + "retry: { attempts: 3, initial-backoff: 100ms, max-backoff: 1s, jitter: 0.2 }";
        final TestConfigs configs = TestConfigs.databases()
                .add("main", "postgresql", "postgresql://app@" + HOST + ":" + ports.get(0) + "/app", "pw", fast)
                .add("legacy", "mariadb", "mariadb://app@" + HOST + ":" + ports.get(1) + "/legacy", "pw", fast)
                .add("cache", "redis", "redis://" + HOST + ":" + ports.get(2) + "/0", null, fast)
                .add("docs", "mongodb", "mongodb://" + HOST + ":" + ports.get(3) + "/docs", null,
                        "connect-timeout: 1s, retry: { attempts: 3, initial-backoff: 100ms, max-backoff: 1s, jitter: 0.2 }");
    }
}
