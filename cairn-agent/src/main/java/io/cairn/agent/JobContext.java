package io.cairn.agent;

import io.cairn.core.DataManager;
import io.cairn.repository.Repository;
import java.time.Clock;
import java.util.Optional;

/**
 * What a job may use: its schedule, the agent's open repository and DataManager, the clock, and
 * the retention policy (for jobs that apply it).
 */
public record JobContext(ScheduleConfig schedule, Repository repository, DataManager dataManager, Clock clock,
        Optional<io.cairn.repository.RetentionPolicy> retention) {
}
