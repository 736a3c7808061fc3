package io.cairn.repository;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Run-time settings of an opened repository (not stored in it).
 *
 * @param clock           time source for snapshot times, locks, retention and prune grace
 * @param workers         threads that hash, compress and encrypt (default: available processors)
 * @param lockStaleAfter  a lock whose heartbeat is older than this is stale (default 30 min)
 * @param lockRefresh     how often a held lock's heartbeat is rewritten (default 5 min)
 */
public record RepositoryOptions(Clock clock, int workers, Duration lockStaleAfter, Duration lockRefresh) {

    public RepositoryOptions {
        Objects.requireNonNull(clock, "clock");
        if (workers < 1 || workers > 64) {
            throw new CairnException(ErrorCode.CONFIG, "repository workers " + workers + " is outside 1..64");
        }
        if (lockRefresh.isNegative() || lockRefresh.isZero() || lockStaleAfter.compareTo(lockRefresh.multipliedBy(2)) < 0) {
            throw new CairnException(ErrorCode.CONFIG, "lock staleness " + lockStaleAfter
                    + " must be at least twice the refresh interval " + lockRefresh);
        }
    }

    public static RepositoryOptions defaults() {
        return new RepositoryOptions(Clock.systemUTC(), Runtime.getRuntime().availableProcessors(),
                Duration.ofMinutes(30), Duration.ofMinutes(5));
    }

    public RepositoryOptions withClock(Clock value) {
        return new RepositoryOptions(value, workers, lockStaleAfter, lockRefresh);
    }

    public RepositoryOptions withWorkers(int value) {
        return new RepositoryOptions(clock, value, lockStaleAfter, lockRefresh);
    }

    public RepositoryOptions withLockTimes(Duration staleAfter, Duration refresh) {
        return new RepositoryOptions(clock, workers, staleAfter, refresh);
    }
}
