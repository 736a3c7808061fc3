package io.cairn.cache.internal;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

/**
 * Closed → open after {@code failures} consecutive failures → after {@code openFor}, one caller
 * probes (half-open) → closed on success, open again on failure. While open, callers skip Redis at
 * once, so a dead server costs no timeout per request. Time comes from the injected ticker.
 */
final class CircuitBreaker {
    enum State { CLOSED, OPEN, HALF_OPEN }

    private final int failures;
    private final long openForNanos;
    private final Ticker ticker;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAt;

    CircuitBreaker(int failures, Duration openFor, Ticker ticker) {
        this.failures = failures;
        this.openForNanos = openFor.toNanos();
        this.ticker = ticker;
    }

    /** Whether this caller may call Redis now; in half-open, only the one probing caller may. */
    synchronized boolean allow() {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (ticker.read() - openedAt >= openForNanos) {
                    state = State.HALF_OPEN;
                    return true;
                }
                return false;
            default:
                return false;
        }
    }

    /** Records a success; returns true if this closed an open breaker (Redis came back). */
    synchronized boolean success() {
        consecutiveFailures = 0;
        boolean recovered = state != State.CLOSED;
        state = State.CLOSED;
        return recovered;
    }

    /** Records a failure; returns true if this opened the breaker. */
    synchronized boolean failure() {
        consecutiveFailures++;
        if (state == State.HALF_OPEN || (state == State.CLOSED && consecutiveFailures >= failures)) {
            boolean opened = state == State.CLOSED;
            state = State.OPEN;
            openedAt = ticker.read();
            return opened;
        }
        return false;
    }

    synchronized boolean isClosed() {
        return state == State.CLOSED;
    }
}
