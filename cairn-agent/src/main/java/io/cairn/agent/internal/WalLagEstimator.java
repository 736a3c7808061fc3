package io.cairn.agent.internal;

import io.cairn.backup.postgres.Lsn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * How old the oldest WAL is that the server has written but the repository does not hold yet:
 * the data a disaster would cost right now. PostgreSQL's own {@code flush_lag} is empty while no
 * standby is connected and says nothing once the streamer is gone, so the agent keeps its own
 * record of when the server reached which position (a sample every second) and compares it
 * with what is durable: every WAL byte after the newest sample at or below the durable position
 * was written after that sample's time. The answer is an upper bound, coarse by one sampling
 * interval, and it keeps growing while nothing becomes durable, which is what an alert needs.
 */
final class WalLagEstimator {
    private static final int MAX_SAMPLES = 10_000;

    private record Sample(Instant time, Lsn server) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();
    private final Instant watchingSince;

    WalLagEstimator(Instant start) {
        this.watchingSince = start;
    }

    /** Records the server's position at {@code now} and returns the lag given what is durable. */
    synchronized Duration observe(Instant now, Optional<Lsn> server, Optional<Lsn> durable) {
        server.ifPresent(position -> add(now, position));
        if (durable.isEmpty()) {
            // nothing archived at all: everything since the agent began watching is missing
            return Duration.between(watchingSince, now);
        }
        Lsn stored = durable.get();
        if (!samples.isEmpty() && stored.compareTo(samples.peekLast().server()) >= 0) {
            // caught up with everything the server is known to have written (unknown now: it is down)
            Sample newest = samples.peekLast();
            samples.clear();
            samples.add(newest);
            return Duration.ZERO;
        }
        // keep the newest sample the durable position covers; everything after it is younger
        while (samples.size() >= 2 && second().server().compareTo(stored) <= 0) {
            samples.removeFirst();
        }
        return Duration.between(oldestTime(), now);
    }

    private void add(Instant now, Lsn position) {
        if (samples.isEmpty() || samples.peekLast().server().compareTo(position) < 0) {
            samples.addLast(new Sample(now, position));
            if (samples.size() > MAX_SAMPLES) {
                // thin out after the oldest: it bounds the lag, so it stays
                Sample oldest = samples.removeFirst();
                samples.removeFirst();
                samples.addFirst(oldest);
            }
        }
    }

    private Sample second() {
        var iterator = samples.iterator();
        iterator.next();
        return iterator.next();
    }

    private Instant oldestTime() {
        return samples.isEmpty() ? watchingSince : samples.peekFirst().time();
    }
}
