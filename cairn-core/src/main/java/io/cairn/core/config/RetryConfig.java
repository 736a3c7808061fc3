package io.cairn.core.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How often and how patiently Cairn retries connecting to a database that is unreachable
 * ({@code retry:}). Only transient failures (refused, timed out) are retried, never refused
 * credentials or SQL errors.
 *
 * @param attempts       total tries, the first included (1 = no retry)
 * @param initialBackoff wait before the first retry
 * @param maxBackoff     the wait never grows beyond this
 * @param multiplier     each wait is this many times the previous one
 * @param jitter         each wait is shortened by a random fraction up to this (0..1), so
 *                       many clients do not retry in lockstep
 */
public record RetryConfig(int attempts, Duration initialBackoff, Duration maxBackoff, double multiplier, double jitter) {
    public static final int DEFAULT_ATTEMPTS = 3;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);
    public static final double DEFAULT_MULTIPLIER = 2.0;
    public static final double DEFAULT_JITTER = 0.2;

    static final Set<String> KEYS = Keys.of("attempts", "initial-backoff", "max-backoff", "multiplier", "jitter");

    public RetryConfig {
        Objects.requireNonNull(initialBackoff, "initial-backoff");
        Objects.requireNonNull(maxBackoff, "max-backoff");
        PoolConfig.require(attempts >= 1 && attempts <= 100, "retry attempts must be between 1 and 100, got " + attempts);
        PoolConfig.require(!initialBackoff.isNegative() && initialBackoff.compareTo(maxBackoff) <= 0,
                "retry initial-backoff must be between 0 and max-backoff (" + Values.format(maxBackoff) + "), got "
                        + Values.format(initialBackoff));
        PoolConfig.require(multiplier >= 1.0 && multiplier <= 10.0,
                "retry multiplier must be between 1 and 10, got " + multiplier);
        PoolConfig.require(jitter >= 0.0 && jitter <= 1.0, "retry jitter must be between 0 and 1, got " + jitter);
    }

    public static RetryConfig defaults() {
        return new RetryConfig(DEFAULT_ATTEMPTS, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_MULTIPLIER,
                DEFAULT_JITTER);
    }

    /** No retries: one attempt. */
    public static RetryConfig none() {
        return new RetryConfig(1, Duration.ZERO, DEFAULT_MAX_BACKOFF, DEFAULT_MULTIPLIER, 0.0);
    }

    /**
     * The wait before retry number {@code retry} (1 = the first retry).
     *
     * @param random a uniformly random number in [0, 1) choosing how much jitter to subtract
     */
    public Duration delayBeforeRetry(int retry, double random) {
        double base = initialBackoff.toNanos() * Math.pow(multiplier, Math.max(0, retry - 1));
        double capped = Math.min(base, maxBackoff.toNanos());
        return Duration.ofNanos((long) (capped * (1.0 - jitter * random)));
    }

    static RetryConfig from(ConfigSection section) {
        section.requireOnlyKeys(KEYS);
        int attempts = section.integer("attempts", DEFAULT_ATTEMPTS, 1, 100);
        Duration initial = section.duration("initial-backoff", DEFAULT_INITIAL_BACKOFF);
        Duration max = section.duration("max-backoff", DEFAULT_MAX_BACKOFF);
        double multiplier = section.number("multiplier", DEFAULT_MULTIPLIER);
        if (multiplier < 1.0 || multiplier > 10.0) {
            throw section.error("multiplier", "must be between 1 and 10, got " + multiplier, "example: retry: { multiplier: 2 }");
        }
        double jitter = section.number("jitter", DEFAULT_JITTER);
        if (jitter < 0.0 || jitter > 1.0) {
            throw section.error("jitter", "must be between 0 and 1, got " + jitter, "example: retry: { jitter: 0.2 }");
        }
        if (initial.compareTo(max) > 0) {
            throw section.error("initial-backoff", "is longer than max-backoff (" + Values.format(max) + ")",
                    "make initial-backoff at most max-backoff");
        }
        return new RetryConfig(attempts, initial, max, multiplier, jitter);
    }
}
