package io.cairn.repository;

/**
 * Receives progress of a long operation, at most every {@link #INTERVAL_MILLIS} ms and once at
 * the end. Called from the operation's own thread: keep it quick (render, do not block).
 */
@FunctionalInterface
public interface ProgressListener {
    long INTERVAL_MILLIS = 250;

    /** Ignores all reports. */
    ProgressListener NONE = progress -> {
    };

    void onProgress(Progress progress);
}
