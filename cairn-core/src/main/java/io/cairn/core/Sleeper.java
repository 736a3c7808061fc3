package io.cairn.core;

import java.time.Duration;

/**
 * Waits between retries. Injectable so tests can record the backoff Cairn chose without
 * spending the time.
 */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /** Thread.sleep. */
    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    }
}
