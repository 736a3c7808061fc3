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

    static final Set<String> KEYS = Keys.of("degradedLatency");

    public HealthConfig {
        Objects.requireNonNull(degradedLatency, "degradedLatency");
        PoolConfig.require(!degradedLatency.isZero() && !degradedLatency.isNegative(),
                "health degradedLatency must be positive");
    }

    public static HealthConfig defaults() {
        return new HealthConfig(DEFAULT_DEGRADED_LATENCY);
    }

    static HealthConfig from(ConfigSection section) {
        section.requireOnlyKeys(KEYS);
        Duration latency = section.duration("degradedLatency", DEFAULT_DEGRADED_LATENCY);
        if (latency.isZero()) {
            throw section.error("degradedLatency", "must be positive", "example: health: { degradedLatency: 1s }");
        }
        return new HealthConfig(latency);
    }
}
