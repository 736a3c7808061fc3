package io.cairn.agent;

import io.cairn.Cairn;
import io.cairn.core.DataManager;
import io.cairn.repository.Repository;
import io.cairn.repository.RetentionPolicy;
import java.time.Clock;
import java.util.Optional;

/**
 * What a job may use: its schedule, the agent's {@link Cairn} (databases, repository, every
 * capability, all on the agent's clock), and the retention policy (for jobs that apply it).
 */
public record JobContext(ScheduleConfig schedule, Cairn cairn, Optional<RetentionPolicy> retention) {

    /** The agent's open repository. */
    public Repository repository() {
        return cairn.repository();
    }

    public DataManager dataManager() {
        return cairn.databases();
    }

    /** The agent's clock (injected in tests). */
    public Clock clock() {
        return cairn.clock();
    }
}
