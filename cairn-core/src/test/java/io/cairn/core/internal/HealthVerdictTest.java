package io.cairn.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.DatabaseHealth;
import io.cairn.core.HealthStatus;
import io.cairn.core.PoolUsage;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseType;
import io.cairn.core.config.DatabaseUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthVerdictTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final DatabaseConfig CONFIG = DatabaseConfig.of("main", DatabaseType.POSTGRESQL,
            DatabaseUrl.parse("postgresql://app@127.0.0.1/app", 5432), Optional.empty());
    private static final PoolUsage CALM = new PoolUsage(1, 1, 0, 10);

    private static DatabaseHealth answered(Duration latency, PoolUsage pool, boolean readOnly) {
        return HealthVerdict.answered(CONFIG, CLOCK, latency, Optional.of("PostgreSQL 15"), pool, readOnly);
    }

    @Test
    void fastWritableAndCalmIsUp() {
        DatabaseHealth health = answered(Duration.ofMillis(3), CALM, false);

        assertThat(health.status()).isEqualTo(HealthStatus.UP);
        assertThat(health.error()).isEmpty();
        assertThat(health.checkedAt()).isEqualTo(CLOCK.instant());
    }

    @Test
    void aServerInRecoveryIsDegraded() {
        assertThat(answered(Duration.ofMillis(3), CALM, true).error())
                .contains("the server is read-only (in recovery or a replica)");
    }

    @Test
    void aSaturatedPoolIsDegradedButBusyWithoutWaitersIsNot() {
        assertThat(answered(Duration.ofMillis(3), new PoolUsage(10, 0, 2, 10), false).status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(answered(Duration.ofMillis(3), new PoolUsage(10, 0, 0, 10), false).status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void slowerThanTheThresholdIsDegraded() {
        assertThat(answered(Duration.ofMillis(1001), CALM, false).status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(answered(Duration.ofMillis(1000), CALM, false).status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void downCarriesTheReason() {
        DatabaseHealth down = HealthVerdict.down(CONFIG, CLOCK, Duration.ofSeconds(5), CALM, "connection refused");

        assertThat(down.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(down.serverVersion()).isEmpty();
        assertThat(down.error()).contains("connection refused");
        assertThat(HealthStatus.UP.worse(HealthStatus.DOWN)).isEqualTo(HealthStatus.DOWN);
        assertThat(HealthStatus.DOWN.worse(HealthStatus.DEGRADED)).isEqualTo(HealthStatus.DOWN);
    }
}
