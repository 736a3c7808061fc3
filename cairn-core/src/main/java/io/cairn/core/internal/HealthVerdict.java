package io.cairn.core.internal;

import io.cairn.core.DatabaseHealth;
import io.cairn.core.HealthStatus;
import io.cairn.core.PoolUsage;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.failure.FailureMessages;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Turns what a probe observed into a status, the same way for every database: DOWN when it did
 * not answer; DEGRADED when it answered slower than {@code health.degradedLatency}, when its
 * pool is saturated, or when it is read-only (a server in recovery); UP otherwise.
 */
public final class HealthVerdict {
    private HealthVerdict() {
    }

    public static DatabaseHealth answered(DatabaseConfig config, Clock clock, Duration latency,
                                          Optional<String> version, PoolUsage pool, boolean readOnly) {
        HealthStatus status = HealthStatus.UP;
        Optional<String> reason = Optional.empty();
        if (readOnly) {
            status = HealthStatus.DEGRADED;
            reason = Optional.of("the server is read-only (in recovery or a replica)");
        } else if (pool.isSaturated()) {
            status = HealthStatus.DEGRADED;
            reason = Optional.of("the pool is saturated: " + pool.active() + " of " + pool.max()
                    + " connections in use, " + pool.waiting() + " waiting (raise pool.max?)");
        } else if (latency.compareTo(config.health().degradedLatency()) > 0) {
            status = HealthStatus.DEGRADED;
            reason = Optional.of("slow: answered in " + latency.toMillis() + " ms, above health.degraded-latency "
                    + FailureMessages.format(config.health().degradedLatency()));
        }
        return new DatabaseHealth(config.id(), config.type(), status, latency, version, pool, reason, clock.instant());
    }

    /** Answered, but something beyond latency and pool is wrong (e.g. a cluster node is missing). */
    public static DatabaseHealth degraded(DatabaseConfig config, Clock clock, Duration latency, Optional<String> version,
                                          PoolUsage pool, String reason) {
        return new DatabaseHealth(config.id(), config.type(), HealthStatus.DEGRADED, latency, version, pool,
                Optional.of(reason), clock.instant());
    }

    public static DatabaseHealth down(DatabaseConfig config, Clock clock, Duration took, PoolUsage pool, String error) {
        return new DatabaseHealth(config.id(), config.type(), HealthStatus.DOWN, took, Optional.empty(), pool,
                Optional.of(error), clock.instant());
    }
}
