package io.cairn.dump.internal;

import io.cairn.repository.Progress;
import io.cairn.repository.ProgressListener;
import java.time.Clock;
import java.time.Duration;

/**
 * Reports the bytes of a dump or load to a listener: first once a mebibyte has passed (so a
 * listener always hears of a dump that is under way, whatever the clock says), then at most
 * every {@link ProgressListener#INTERVAL_MILLIS} ms, and once at the end. Used from one thread.
 */
public final class ProgressReporter {
    static final long FIRST_REPORT_BYTES = 1 << 20;

    private final String operation;
    private final Clock clock;
    private final ProgressListener listener;
    private final long start;
    private long lastReport;
    private long bytes;
    private long entries;
    private long entriesTotal = -1;
    private long bytesTotal = -1;
    private boolean reported;
    private String item = "";

    public ProgressReporter(String operation, Clock clock, ProgressListener listener) {
        this.operation = operation;
        this.clock = clock;
        this.listener = listener;
        this.start = clock.millis();
        this.lastReport = start;
    }

    public void totals(long entryCount, long byteCount) {
        this.entriesTotal = entryCount;
        this.bytesTotal = byteCount;
    }

    public void item(String name) {
        this.item = name;
    }

    public void bytes(long count) {
        bytes += count;
        long now = clock.millis();
        if ((!reported && bytes >= FIRST_REPORT_BYTES) || (reported && now - lastReport >= ProgressListener.INTERVAL_MILLIS)) {
            reported = true;
            lastReport = now;
            report(now);
        }
    }

    public void entryDone() {
        entries++;
    }

    public void finish() {
        report(clock.millis());
    }

    private void report(long now) {
        listener.onProgress(new Progress(operation, entries, entriesTotal, bytes, bytesTotal, 0,
                Duration.ofMillis(Math.max(0, now - start)), item));
    }
}
