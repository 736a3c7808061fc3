package io.cairn.core.retry;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.Sleeper;
import io.cairn.core.failure.Failure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an action again after transient failures, or polls until a condition holds, waiting
 * with a {@link Backoff} through an injected {@link Sleeper} and measuring its deadline on an
 * injected {@link Clock}: tests record the waits instead of spending them, and a test clock
 * governs every deadline. The one retry loop of Cairn: database connects, storage requests,
 * lease and lock waits, WAL and recovery polls all use it.
 *
 * <p>Callers wrap only what is safe to repeat (opening or borrowing a connection, an idempotent
 * request), so a retry never runs a statement twice. With a deadline, a clock that never
 * advances (Clock.fixed) never reaches it: pass a clock that moves.
 */
public final class Retry {
    private static final Logger LOG = LoggerFactory.getLogger(Retry.class);

    private final String subject;
    private final int attempts;
    private final Backoff backoff;
    private final Optional<Duration> deadline;
    private final Clock clock;
    private final Sleeper sleeper;
    private final DoubleSupplier random;

    private Retry(Builder builder) {
        this.subject = builder.subject;
        this.attempts = builder.attempts;
        this.backoff = builder.backoff;
        this.deadline = builder.deadline;
        this.clock = builder.clock;
        this.sleeper = builder.sleeper;
        this.random = builder.random;
    }

    /**
     * A new policy; {@code subject} names the resource in log lines and messages, e.g.
     * "database 'main'" or "repository s3://bucket".
     */
    public static Builder builder(String subject) {
        return new Builder(subject);
    }

    /** An action that may throw anything; the classifier decides what it means. */
    @FunctionalInterface
    public interface Action<T> {
        T run() throws Exception;
    }

    /**
     * Runs {@code action} until it succeeds, the classifier calls a failure permanent, or the
     * attempts or the deadline run out; then throws the classified failure's exception, told how
     * many attempts were made. A CairnException from the action passes through untouched.
     */
    public <T> T call(Action<T> action, Function<Exception, Failure> classifier) {
        Instant end = end();
        for (int attempt = 1; ; attempt++) {
            try {
                return action.run();
            } catch (CairnException e) {
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CairnException(ErrorCode.INTERRUPTED, subject + ": interrupted", e);
            } catch (Exception e) {
                Failure failure = classifier.apply(e);
                if (!failure.transientFailure() || !pauseBeforeRetry(attempt, end, failure.code().name())) {
                    throw failure.toException(attempt);
                }
            }
        }
    }

    /**
     * Runs {@code request} until it succeeds, {@code transientFailure} rejects a failure, or the
     * attempts or the deadline run out; then rethrows the last failure as it is.
     */
    public <T> T run(Supplier<T> request, Predicate<RuntimeException> transientFailure) {
        Instant end = end();
        for (int attempt = 1; ; attempt++) {
            try {
                return request.get();
            } catch (RuntimeException e) {
                if (!transientFailure.test(e) || !pauseBeforeRetry(attempt, end, String.valueOf(e.getMessage()))) {
                    throw e;
                }
            }
        }
    }

    /**
     * Asks {@code probe} until it answers or the attempts or the deadline run out (empty then).
     * The last probe is made at the deadline, never after a wait that would pass it.
     */
    public <T> Optional<T> poll(Supplier<Optional<T>> probe) {
        Instant end = end();
        for (int attempt = 1; ; attempt++) {
            Optional<T> answer = probe.get();
            if (answer.isPresent()) {
                return answer;
            }
            if (attempt >= attempts || (end != null && !clock.instant().isBefore(end))) {
                return Optional.empty();
            }
            Duration wait = backoff.delay(attempt, random.getAsDouble());
            if (end != null) {
                Duration left = Duration.between(clock.instant(), end);
                wait = left.compareTo(wait) < 0 ? left : wait;
            }
            sleep(wait);
        }
    }

    /** True once {@code condition} holds; false when the attempts or the deadline ran out first. */
    public boolean until(java.util.function.BooleanSupplier condition) {
        return poll(() -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty()).isPresent();
    }

    private Instant end() {
        return deadline.map(d -> clock.instant().plus(d)).orElse(null);
    }

    /** Waits before the next attempt; false when no attempt is left or it would start past the deadline. */
    private boolean pauseBeforeRetry(int attempt, Instant end, String why) {
        if (attempt >= attempts) {
            return false;
        }
        Duration wait = backoff.delay(attempt, random.getAsDouble());
        if (end != null && clock.instant().plus(wait).isAfter(end)) {
            return false;
        }
        LOG.debug("{}: attempt {} of {} failed ({}), retrying in {} ms", subject, attempt, attempts, why, wait.toMillis());
        sleep(wait);
        return true;
    }

    private void sleep(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CairnException(ErrorCode.INTERRUPTED, subject + ": interrupted while waiting to try again", e);
        }
    }

    /** Options; defaults: 1 attempt, no deadline, the system clock, Thread.sleep. */
    public static final class Builder {
        private final String subject;
        private int attempts = 1;
        private Backoff backoff = Backoff.fixed(Duration.ZERO);
        private Optional<Duration> deadline = Optional.empty();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

        private Builder(String subject) {
            this.subject = Objects.requireNonNull(subject, "subject");
        }

        /** Total tries, the first included; {@link Integer#MAX_VALUE} to be bound by the deadline only. */
        public Builder attempts(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("attempts must be at least 1, got " + value);
            }
            this.attempts = value;
            return this;
        }

        public Builder backoff(Backoff value) {
            this.backoff = Objects.requireNonNull(value, "backoff");
            return this;
        }

        /** No attempt starts later than this after the first, measured on {@link #clock}. */
        public Builder deadline(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("deadline must not be negative, got " + value);
            }
            this.deadline = Optional.of(value);
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /** Where jitter comes from: uniformly random numbers in [0, 1). */
        public Builder random(DoubleSupplier value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        public Retry build() {
            return new Retry(this);
        }
    }
}
