package io.cairn.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One run of one schedule as the run history keeps it.
 *
 * @param id           unique, increasing within one history file
 * @param trigger      {@code schedule}, {@code missed} (caught up at start), {@code manual}
 * @param scheduledFor the cron firing it serves (for schedule and missed triggers)
 * @param outcome      running, succeeded, failed, skipped (previous run still going), interrupted
 *                     (the agent stopped or died during it)
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record RunRecord(long id, String job, String run, String trigger, Optional<Instant> scheduledFor,
        Instant start, Optional<Instant> end, Outcome outcome, Map<String, Object> figures, Optional<String> error) {

    public enum Outcome { running, succeeded, failed, skipped, interrupted }

    public RunRecord {
        // keep the runner's order: it is the order the API and dashboard show
        figures = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(figures));
    }

    public RunRecord finish(Instant at, Outcome result, Map<String, Object> resultFigures, Optional<String> message) {
        return new RunRecord(id, job, run, trigger, scheduledFor, start, Optional.of(at), result, resultFigures, message);
    }

    /** Milliseconds from start to end, when ended. */
    public Optional<Long> durationMs() {
        return end.map(e -> Duration.between(start, e).toMillis());
    }
}
