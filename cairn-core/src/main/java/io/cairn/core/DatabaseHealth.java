package io.cairn.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.cairn.core.config.DatabaseType;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one health check of one database.
 *
 * @param latency       round trip of the probe (SELECT 1, PING, {ping: 1}); for DOWN, how long the
 *                      check took before it failed
 * @param serverVersion as the server reports it, when it answered
 * @param error         why the status is not UP (the failure, or the reason for DEGRADED)
 */
@JsonPropertyOrder({"id", "type", "status", "latencyMs", "serverVersion", "pool", "error", "checkedAt"})
public record DatabaseHealth(String id, DatabaseType type, HealthStatus status, @JsonIgnore Duration latency,
                             Optional<String> serverVersion, PoolUsage pool, Optional<String> error,
                             Instant checkedAt) {

    public DatabaseHealth {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(serverVersion, "serverVersion");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(checkedAt, "checkedAt");
    }

    /** The latency in milliseconds, as JSON shows it. */
    @JsonProperty("latencyMs")
    public long latencyMillis() {
        return latency.toMillis();
    }

    @JsonIgnore
    public boolean isUp() {
        return status == HealthStatus.UP;
    }
}
