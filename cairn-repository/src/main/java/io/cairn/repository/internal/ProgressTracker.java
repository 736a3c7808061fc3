package io.cairn.repository.internal;

import io.cairn.repository.Progress;
import io.cairn.repository.ProgressListener;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Counts progress of one operation and forwards it to a listener at most every
 * {@link ProgressListener#INTERVAL_MILLIS} ms (by the injected clock), plus once at the end.
 * Thread-safe; the listener is never called concurrently.
 */
public final class ProgressTracker {
    private final String operation;
    private final Clock clock;
    private final ProgressListener listener;
    private final long startMillis;
    private final AtomicLong filesDone = new AtomicLong();
    private final AtomicLong bytesDone = new AtomicLong();
    private volatile long filesTotal = -1;
    private volatile long bytesTotal = -1;
    private volatile LongSupplier bytesAdded = () -> 0;
    private volatile String currentItem = "";
    private long lastReport;

    public ProgressTracker(String operation, Clock clock, ProgressListener listener) {
        this.operation = operation;
        this.clock = clock;
        this.listener = listener;
        this.startMillis = clock.millis();
        this.lastReport = startMillis;
    }

    public void totals(long files, long bytes) {
        this.filesTotal = files;
        this.bytesTotal = bytes;
    }

    public void bytesAddedFrom(LongSupplier supplier) {
        this.bytesAdded = supplier;
    }

    public void item(String item) {
        this.currentItem = item;
    }

    public void bytes(long count) {
        bytesDone.addAndGet(count);
        maybeReport();
    }

    public void fileDone() {
        filesDone.incrementAndGet();
        maybeReport();
    }

    /** Reports unconditionally: call once when the operation ends. */
    public synchronized void finish() {
        listener.onProgress(snapshot(clock.millis()));
    }

    private void maybeReport() {
        long now = clock.millis();
        if (now - lastReport < ProgressListener.INTERVAL_MILLIS) {
            return;
        }
        synchronized (this) {
            if (now - lastReport >= ProgressListener.INTERVAL_MILLIS) {
                lastReport = now;
                listener.onProgress(snapshot(now));
            }
        }
    }

    private Progress snapshot(long now) {
        return new Progress(operation, filesDone.get(), filesTotal, bytesDone.get(), bytesTotal,
                bytesAdded.getAsLong(), Duration.ofMillis(Math.max(0, now - startMillis)), currentItem);
    }
}
