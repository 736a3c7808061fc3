package io.cairn.repository.storage;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a request again on transient failures with exponential backoff and full jitter
 * (AWS's recommendation): wait a random time in [0, min(cap, first × 2^attempt)).
 * Which failures are transient is the caller's call; everything else fails at once.
 */
final class Retrier {
    private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);
    private static final Duration CAP = Duration.ofSeconds(20);

    /** Sleeps; tests pass one that only records. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final int maxAttempts;
    private final Duration first;
    private final Predicate<RuntimeException> transientFailure;
    private final Sleeper sleeper;

    Retrier(int maxAttempts, Duration first, Predicate<RuntimeException> transientFailure, Sleeper sleeper) {
        this.maxAttempts = maxAttempts;
        this.first = first;
        this.transientFailure = transientFailure;
        this.sleeper = sleeper;
    }

    <T> T run(String what, Supplier<T> request) {
        for (int attempt = 1; ; attempt++) {
            try {
                return request.get();
            } catch (RuntimeException e) {
                if (attempt >= maxAttempts || !transientFailure.test(e)) {
                    throw e;
                }
                Duration wait = backoff(attempt);
                LOG.warn("{} failed (attempt {} of {}): {}; retrying in {} ms", what, attempt, maxAttempts,
                        e.getMessage(), wait.toMillis());
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new CairnException(ErrorCode.INTERRUPTED, what + " interrupted while waiting to retry", interrupted);
                }
            }
        }
    }

    Duration backoff(int attempt) {
        long ceiling = Math.min(CAP.toMillis(), first.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(Math.max(1, ceiling)));
    }
}
