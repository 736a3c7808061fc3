package io.cairn.tx.internal.outbox;

import io.cairn.tx.DispatchResult;
import io.cairn.tx.OutboxDispatcher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background thread of one dispatcher: a pass, then again at once while passes come back full,
 * then a wait for a nudge (an after-commit hook of this process) or the poll interval, whichever
 * comes first. Purges delivered rows at most once per poll interval's worth of passes, measured on
 * the injected clock. A failing pass (the database down) is logged and tried again after the poll
 * interval; it never ends the thread.
 *
 * <p>The wait is for an event with a timeout, not a pause: a nudge ends it at once, so tests drive
 * the dispatcher with commits and {@link #nudge()} and never sleep.
 */
final class DispatchLoop implements OutboxDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(DispatchLoop.class);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    private final String db;
    private final Supplier<DispatchResult> pass;
    private final Runnable purge;
    private final Runnable status;
    private final Duration pollInterval;
    private final int batchSize;
    private final Clock clock;
    private final Consumer<DispatchLoop> onClose;
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private volatile boolean stopped;
    private Instant lastPurge = Instant.MIN;

    DispatchLoop(String db, Supplier<DispatchResult> pass, Runnable purge, Runnable status, Duration pollInterval,
            int batchSize, Clock clock, Consumer<DispatchLoop> onClose) {
        this.db = db;
        this.pass = pass;
        this.purge = purge;
        this.status = status;
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
        this.clock = clock;
        this.onClose = onClose;
        this.thread = new Thread(this::loop, "cairn-outbox-" + db);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        while (!stopped) {
            wake.drainPermits();
            try {
                DispatchResult result;
                do {
                    result = pass.get();
                } while (!stopped && result.claimed() >= batchSize);
                Instant now = clock.instant();
                if (!now.isBefore(lastPurge.plus(PURGE_EVERY))) {
                    lastPurge = now;
                    purge.run();
                }
                status.run();
            } catch (RuntimeException e) {
                if (!stopped) {
                    LOG.warn("database '{}': outbox dispatch failed, trying again in {} ms: {}", db, pollInterval.toMillis(),
                            e.getMessage());
                }
            }
            try {
                wake.tryAcquire(pollInterval.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public String db() {
        return db;
    }

    @Override
    public void nudge() {
        wake.release();
    }

    @Override
    public void close() {
        stopped = true;
        onClose.accept(this);
        wake.release();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            // a handler still running: interrupt it; its message stays pending and is offered again
            thread.interrupt();
        }
    }

    @Override
    public String toString() {
        return "OutboxDispatcher[" + db + "]";
    }
}
