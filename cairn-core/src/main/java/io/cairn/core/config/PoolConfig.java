package io.cairn.core.config;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Connection pool settings of one database ({@code pool:}). For SQL databases they configure
 * HikariCP; for MongoDB the driver's pool; Redis uses one shared multiplexed connection.
 *
 * @param max               most connections open at once
 * @param minIdle           idle connections kept open; 0 opens connections only when needed
 * @param connectionTimeout how long a caller waits for a connection from the pool
 * @param idleTimeout       an idle connection above minIdle is closed after this long
 * @param maxLifetime       every connection is replaced after this long
 */
public record PoolConfig(int max, int minIdle, Duration connectionTimeout, Duration idleTimeout, Duration maxLifetime) {
    public static final int DEFAULT_MAX = 10;
    public static final int DEFAULT_MIN_IDLE = 0;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofMinutes(30);
    /** HikariCP refuses shorter waits; we refuse them too instead of letting it silently raise them. */
    public static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);

    static final Set<String> KEYS = Keys.of("max", "min-idle", "connection-timeout", "idle-timeout", "max-lifetime");

    public PoolConfig {
        Objects.requireNonNull(connectionTimeout, "connection-timeout");
        Objects.requireNonNull(idleTimeout, "idle-timeout");
        Objects.requireNonNull(maxLifetime, "max-lifetime");
        require(max >= 1 && max <= 10_000, "pool max must be between 1 and 10000, got " + max);
        require(minIdle >= 0 && minIdle <= max, "pool min-idle must be between 0 and max (" + max + "), got " + minIdle);
        require(connectionTimeout.compareTo(MIN_CONNECTION_TIMEOUT) >= 0,
                "pool connection-timeout must be at least 250ms, got " + Values.format(connectionTimeout));
        require(idleTimeout.isZero() || idleTimeout.toSeconds() >= 10,
                "pool idle-timeout must be 0 (never) or at least 10s, got " + Values.format(idleTimeout));
        require(maxLifetime.isZero() || maxLifetime.toSeconds() >= 30,
                "pool max-lifetime must be 0 (never) or at least 30s, got " + Values.format(maxLifetime));
        // HikariCP would otherwise silently ignore idleTimeout; say so instead
        require(idleTimeout.isZero() || maxLifetime.isZero() || idleTimeout.plusSeconds(1).compareTo(maxLifetime) <= 0,
                "pool idle-timeout (" + Values.format(idleTimeout) + ") must be shorter than max-lifetime ("
                        + Values.format(maxLifetime) + ")");
    }

    public static PoolConfig defaults() {
        return new PoolConfig(DEFAULT_MAX, DEFAULT_MIN_IDLE, DEFAULT_CONNECTION_TIMEOUT, DEFAULT_IDLE_TIMEOUT,
                DEFAULT_MAX_LIFETIME);
    }

    public PoolConfig withMax(int newMax) {
        return new PoolConfig(newMax, Math.min(minIdle, newMax), connectionTimeout, idleTimeout, maxLifetime);
    }

    static PoolConfig from(ConfigSection section) {
        section.requireOnlyKeys(KEYS);
        int max = section.integer("max", DEFAULT_MAX, 1, 10_000);
        int minIdle = section.integer("min-idle", DEFAULT_MIN_IDLE, 0, max);
        Duration connectionTimeout = section.duration("connection-timeout", DEFAULT_CONNECTION_TIMEOUT);
        if (connectionTimeout.compareTo(MIN_CONNECTION_TIMEOUT) < 0) {
            throw section.error("connection-timeout", "must be at least 250ms, got " + Values.format(connectionTimeout),
                    "example: pool: { connection-timeout: 5s }");
        }
        try {
            return new PoolConfig(max, minIdle, connectionTimeout,
                    section.duration("idle-timeout", DEFAULT_IDLE_TIMEOUT),
                    section.duration("max-lifetime", DEFAULT_MAX_LIFETIME));
        } catch (CairnException e) {
            throw section.error(e.getMessage(), "see docs/configuration.md#pool");
        }
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new CairnException(ErrorCode.CONFIG, message);
        }
    }
}
