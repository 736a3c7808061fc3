package io.cairn.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Waits, in tests, for something another thread or process makes true: polls a check with a short
 * backoff until it holds or a timeout passes, then fails with an {@link AssertionError} that names
 * what was awaited and the last state observed (or the last exception thrown by the check).
 *
 * <p>An {@link Exception} thrown by a check counts as "not yet" (a server restarting, a page between
 * documents) and is kept as the failure's cause; an {@link Error} (a failed assertion inside the check,
 * such as a background workload reporting its failure) ends the wait at once. The timeout is measured
 * on the machine's monotonic clock, never on an injected test clock. Interrupting the waiting thread
 * ends the wait with an AssertionError and keeps the interrupt flag set.
 */
public final class Await {
    private static final Duration FIRST_PAUSE = Duration.ofMillis(5);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(200);

    /** A check that may throw while the awaited state is not there yet. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** Reads the current state; may throw while it cannot be read yet. */
    @FunctionalInterface
    public interface Observation<S> {
        S read() throws Exception;
    }

    private Await() {
    }

    /** Returns once {@code condition} holds; fails after {@code timeout} naming {@code what}. */
    public static void until(Duration timeout, String what, Condition condition) {
        Objects.requireNonNull(condition, "condition");
        until(timeout, what, condition::holds, Boolean::booleanValue);
    }

    /** Returns the value {@code probe} first yields; fails after {@code timeout} naming {@code what}. */
    public static <T> T value(Duration timeout, String what, Observation<Optional<T>> probe) {
        Objects.requireNonNull(probe, "probe");
        return until(timeout, what, probe, Optional::isPresent).orElseThrow();
    }

    /**
     * Reads the state until {@code accepted} holds for it and returns that state; fails after
     * {@code timeout} with a message naming {@code what} and the last state read.
     */
    public static <S> S until(Duration timeout, String what, Observation<S> observation, Predicate<? super S> accepted) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(observation, "observation");
        Objects.requireNonNull(accepted, "accepted");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        long start = System.nanoTime();
        long pause = FIRST_PAUSE.toNanos();
        Attempt<S> last;
        while (true) {
            last = attempt(observation);
            if (last.failure == null && accepted.test(last.state)) {
                return last.state;
            }
            long left = timeout.toNanos() - (System.nanoTime() - start);
            if (left <= 0) {
                break;
            }
            long nap = Math.min(pause, left);
            try {
                Thread.sleep(nap / 1_000_000, (int) (nap % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what + " (" + last.describe() + ")", e);
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE.toNanos());
        }
        throw new AssertionError("timed out after " + describe(timeout) + " waiting for " + what + " (" + last.describe() + ")",
                last.failure);
    }

    private static <S> Attempt<S> attempt(Observation<S> observation) {
        try {
            return new Attempt<>(observation.read(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while reading the awaited state", e);
        } catch (Exception e) {
            return new Attempt<>(null, e);
        }
    }

    private static String describe(Duration timeout) {
        return timeout.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    private record Attempt<S>(S state, Exception failure) {
        String describe() {
            return failure != null ? "last check threw " + failure : "last state: " + state;
        }
    }
}
