package io.cairn.backup.postgres.internal;

import io.cairn.backup.postgres.Lsn;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress of one streamer, written by its streaming thread and read by any thread asking for
 * status. Each field is independently volatile or atomic: readers see a recent value of each,
 * not a consistent cut, which is all a status report needs. {@code durable} only grows, and
 * waiters on it are woken under this object's monitor.
 */
public final class StreamState {
    private volatile boolean connected;
    private volatile int timeline;
    private volatile Lsn received;
    private volatile Lsn durable;
    private volatile String lastSegment;
    private volatile Instant lastStoredAt;
    private volatile String lastError;
    final AtomicLong segmentsStored = new AtomicLong();
    final AtomicLong partialsStored = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();
    final AtomicLong gaps = new AtomicLong();

    void connected(boolean value, int onTimeline) {
        connected = value;
        timeline = onTimeline;
    }

    void disconnected() {
        connected = false;
    }

    void received(Lsn lsn) {
        received = lsn;
    }

    synchronized void durable(Lsn lsn, Optional<String> segment, Instant at) {
        if (durable == null || lsn.isAfter(durable)) {
            durable = lsn;
        }
        segment.ifPresent(name -> lastSegment = name);
        lastStoredAt = at;
        notifyAll();
    }

    public void failed(String message) {
        lastError = message;
    }

    /** Waits until durable reaches {@code lsn} or {@code millis} pass; true when it did. */
    public synchronized boolean awaitDurable(Lsn lsn, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (durable == null || durable.isBefore(lsn)) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    public boolean connected() {
        return connected;
    }

    public int timeline() {
        return timeline;
    }

    public Optional<Lsn> received() {
        return Optional.ofNullable(received);
    }

    public Optional<Lsn> durable() {
        return Optional.ofNullable(durable);
    }

    public Optional<String> lastSegment() {
        return Optional.ofNullable(lastSegment);
    }

    public Optional<Instant> lastStoredAt() {
        return Optional.ofNullable(lastStoredAt);
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    public long segmentsStored() {
        return segmentsStored.get();
    }

    public long partialsStored() {
        return partialsStored.get();
    }

    public void reconnected() {
        reconnects.incrementAndGet();
    }

    public long reconnects() {
        return reconnects.get();
    }

    public long gaps() {
        return gaps.get();
    }
}
