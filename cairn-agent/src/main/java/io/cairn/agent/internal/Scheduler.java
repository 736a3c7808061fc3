package io.cairn.agent.internal;

import io.cairn.agent.ScheduleConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which schedules are due at a given instant; the agent's loop (or a test) calls
 * {@link #tick} with the current time, so nothing here sleeps or reads a clock.
 *
 * <p>Each schedule has a cursor: the newest firing already served (from the run history, so it
 * survives restarts). At a tick, the newest firing in (cursor, now] is due; several firings that
 * passed between two ticks run once (coalesced). Missed-run policy after downtime: a firing
 * earlier than the agent's start that is no older than {@code missed-runs-within} runs once at
 * start (trigger {@code missed}); older missed firings are not run, only logged. A schedule never
 * served before starts its cursor at the agent's start (no catching up on a new schedule).
 */
public final class Scheduler {
    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

    /** A schedule due now, and the firing it serves. */
    public record Due(ScheduleConfig schedule, Instant scheduledFor, boolean missed) {
    }

    private final List<ScheduleConfig> schedules;
    private final Instant startedAt;
    private final Duration missedRunsWithin;
    private final Map<String, Instant> cursors = new HashMap<>();

    public Scheduler(List<ScheduleConfig> schedules, RunHistory history, Instant startedAt, Duration missedRunsWithin) {
        this.schedules = List.copyOf(schedules);
        this.startedAt = startedAt;
        this.missedRunsWithin = missedRunsWithin;
        for (ScheduleConfig schedule : schedules) {
            cursors.put(schedule.name(), history.lastScheduledFor(schedule.name()).orElse(startedAt));
        }
    }

    /** The schedules due at {@code now}; each firing is returned once. */
    public synchronized List<Due> tick(Instant now) {
        List<Due> due = new java.util.ArrayList<>();
        for (ScheduleConfig schedule : schedules) {
            latestFiring(schedule, now).ifPresent(firing -> {
                cursors.put(schedule.name(), firing);
                due.add(new Due(schedule, firing, firing.isBefore(startedAt)));
            });
        }
        return due;
    }

    /** The next firing of a schedule after {@code now}, for /api/schedules. */
    public Instant nextFiring(ScheduleConfig schedule, Instant now) {
        return schedule.cron().next(ZonedDateTime.ofInstant(now, schedule.zone())).toInstant();
    }

    private Optional<Instant> latestFiring(ScheduleConfig schedule, Instant now) {
        Instant cursor = cursors.get(schedule.name());
        Instant windowStart = startedAt.minus(missedRunsWithin);
        if (cursor.isBefore(windowStart)) {
            Instant skipped = nextFiring(schedule, cursor);
            if (skipped.isBefore(windowStart)) {
                log.warn("schedule '{}': firings between {} and {} were missed while the agent was down and are older "
                        + "than missed-runs-within {}; not running them", schedule.name(), skipped, windowStart, missedRunsWithin);
            }
            cursor = windowStart;
            cursors.put(schedule.name(), cursor);
        }
        Instant latest = null;
        Instant next = nextFiring(schedule, cursor);
        while (!next.isAfter(now)) {
            latest = next;
            next = nextFiring(schedule, next);
        }
        return Optional.ofNullable(latest);
    }
}
