package io.cairn.core.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Health-check settings of one database ({@code health:}).
 *
 * @param degradedLatency a check whose round trip takes longer than this reports DEGRADED
 */
public record HealthConfig(Duration degradedLatency) {
    public static final Duration DEFAULT_DEGRADED_LATENCY = Duration.ofSeconds(1);

    static final Set<String> KEYS = Keys.of("degraded-latency");

    public HealthConfig {
        Objects.requireNonNull(degradedLatency, "degraded-latency");
        PoolConfig.require(!degradedLatency.isZero() && !degradedLatency.isNegative(),
                "health degraded-latency must be positive");
    }

    public static HealthConfig defaults() {
        return new HealthConfig(DEFAULT_DEGRADED_LATENCY);
    }

    static HealthConfig from(ConfigSection section) {
        section.requireOnlyKeys(KEYS);
        Duration latency = section.duration("degraded-latency", DEFAULT_DEGRADED_LATENCY);
        if (latency.isZero()) {
            throw section.error("degraded-latency", "must be positive", "example: health: { degraded-latency: 1s }");
        }
        return new HealthConfig(latency);
    }
}
