package io.cairn.core.retry;

import io.cairn.core.config.RetryConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait before each retry or poll: exponential growth from {@code initial} by
 * {@code multiplier}, capped at {@code max}, each wait shortened by a random fraction up to
 * {@code jitter} so that many clients do not retry in lockstep. {@code jitter} 1 is AWS's "full
 * jitter" (a random wait between 0 and the cap), 0 a deterministic schedule (polling).
 *
 * @param initial    the wait before the first retry
 * @param max        no wait grows beyond this
 * @param multiplier each wait is this many times the previous one (1 = fixed interval)
 * @param jitter     the largest random fraction taken off a wait, 0..1
 */
public record Backoff(Duration initial, Duration max, double multiplier, double jitter) {

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.compareTo(max) > 0) {
            throw new IllegalArgumentException("backoff initial " + initial + " must be between 0 and max " + max);
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("backoff multiplier must be at least 1, got " + multiplier);
        }
        if (jitter < 0.0 || jitter > 1.0) {
            throw new IllegalArgumentException("backoff jitter must be between 0 and 1, got " + jitter);
        }
    }

    /** The policy of a database's {@code retry:} section. */
    public static Backoff of(RetryConfig config) {
        return new Backoff(config.initialBackoff(), config.maxBackoff(), config.multiplier(), config.jitter());
    }

    /** Doubling from {@code initial} up to {@code max}, without jitter: for polling a condition. */
    public static Backoff doubling(Duration initial, Duration max) {
        return new Backoff(initial, max, 2.0, 0.0);
    }

    /** The same wait every time. */
    public static Backoff fixed(Duration interval) {
        return new Backoff(interval, interval, 1.0, 0.0);
    }

    /** This policy with another jitter (1 = full jitter). */
    public Backoff withJitter(double newJitter) {
        return new Backoff(initial, max, multiplier, newJitter);
    }

    /**
     * The wait before retry number {@code retry} (1 = the first retry).
     *
     * @param random a uniformly random number in [0, 1) choosing how much jitter to take off
     */
    public Duration delay(int retry, double random) {
        double base = initial.toNanos() * Math.pow(multiplier, Math.max(0, Math.min(retry - 1, 62)));
        double capped = Math.min(base, max.toNanos());
        return Duration.ofNanos((long) (capped * (1.0 - jitter * random)));
    }
}
