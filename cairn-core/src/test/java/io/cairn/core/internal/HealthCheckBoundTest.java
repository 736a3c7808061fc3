package io.cairn.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.DatabaseAdapter;
import io.cairn.core.DatabaseHealth;
import io.cairn.core.HealthStatus;
import io.cairn.core.PoolUsage;
import io.cairn.core.SqlDatabase;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.Environment;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * A health check whose driver never ends its connect is abandoned at connect-timeout plus the
 * grace, the first check of a process included (issue 12, item 4: the command line runs only first
 * checks, and a doubled first budget broke the documented bound), and reports in the one
 * connect-failure shape: the address, the reason, the fix. The adapter is a stub because no real
 * driver can be made to ignore its own timeout on demand.
 */
class HealthCheckBoundTest {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    @Test
    void theFirstCheckIsBoundedByTheConnectTimeoutAndNamesTheAddress() {
        DatabaseConfig config = CairnConfig.parse("""
                databases:
                  main: { type: postgresql, url: "postgresql://app@10.1.2.3:5432/app", connect-timeout: 2s }
                """, "cairn.yaml", Environment.of(Map.of())).database("main");
        CountDownLatch never = new CountDownLatch(1);
        try (HealthChecks checks = new HealthChecks(Clock.systemUTC(), "cairn.yaml")) {
            long start = System.nanoTime();
            DatabaseHealth health = checks.check(List.of(new HangingAdapter(config, never))).get(0);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(health.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(took).isGreaterThanOrEqualTo(CONNECT_TIMEOUT)
                    .isLessThan(CONNECT_TIMEOUT.plus(HealthChecks.GRACE).plusSeconds(1));
            assertThat(health.error()).hasValue("cannot connect to 10.1.2.3:5432: no answer within 2s (connect timeout 2s; "
                    + "is the server running and is url: in cairn.yaml right?)");
        } finally {
            never.countDown();
        }
    }

    /** A database whose health check waits until the test ends. */
    private record HangingAdapter(DatabaseConfig config, CountDownLatch release) implements DatabaseAdapter {
        @Override
        public DatabaseHealth health() {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("released");
        }

        @Override
        public PoolUsage poolUsage() {
            return PoolUsage.empty(config.pool().max());
        }

        @Override
        public Object command(String command, Object... args) {
            throw new UnsupportedOperationException("HangingAdapter only answers health checks");
        }

        @Override
        public Optional<SqlDatabase> sql() {
            return Optional.empty();
        }

        @Override
        public <T> Optional<T> unwrap(Class<T> type) {
            return Optional.empty();
        }

        @Override
        public void close() {
        }
    }
}
