package io.cairn.core.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.Sleeper;
import io.cairn.core.config.RetryConfig;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an action up to {@code attempts} times with exponential backoff and jitter, retrying only
 * failures the caller classified as transient. Callers wrap only the part that sends nothing to
 * the server (opening or borrowing a connection), so a retry can never run a statement twice.
 */
public final class Retrier {
    private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

    private final String databaseId;
    private final RetryConfig config;
    private final Sleeper sleeper;
    private final DoubleSupplier random;

    public Retrier(String databaseId, RetryConfig config, Sleeper sleeper, DoubleSupplier random) {
        this.databaseId = databaseId;
        this.config = config;
        this.sleeper = sleeper;
        this.random = random;
    }

    /** An action that may throw anything; the classifier decides what it means. */
    @FunctionalInterface
    public interface Action<T> {
        T run() throws Exception;
    }

    public <T> T call(Action<T> action, Function<Exception, Failure> classifier) {
        return call(action, classifier, config.attempts());
    }

    /** One attempt only: for health checks, which must answer within their own bound. */
    public <T> T once(Action<T> action, Function<Exception, Failure> classifier) {
        return call(action, classifier, 1);
    }

    private <T> T call(Action<T> action, Function<Exception, Failure> classifier, int attempts) {
        for (int attempt = 1; ; attempt++) {
            try {
                return action.run();
            } catch (CairnException e) {
                throw e;
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    throw new CairnException(ErrorCode.INTERRUPTED, "database '" + databaseId + "': interrupted", e);
                }
                Failure failure = classifier.apply(e);
                if (!failure.transientFailure() || attempt >= attempts) {
                    throw failure.toException(attempt);
                }
                Duration delay = config.delayBeforeRetry(attempt, random.getAsDouble());
                LOG.debug("database '{}': attempt {} of {} failed ({}), retrying in {} ms", databaseId, attempt,
                        attempts, failure.code(), delay.toMillis());
                pause(delay);
            }
        }
    }

    private void pause(Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CairnException(ErrorCode.INTERRUPTED, "database '" + databaseId + "': interrupted while waiting to retry", e);
        }
    }
}
