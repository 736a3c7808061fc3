package io.cairn.agent.internal;

import io.cairn.agent.JobContext;
import io.cairn.agent.JobResult;
import io.cairn.agent.JobRunner;
import io.cairn.agent.ScopedRetention;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;

/**
 * {@code run: forget}: applies {@code retention:} on its own schedule to the snapshots the agent's
 * schedules wrote (each schedule is its own group), then prunes.
 */
public final class ForgetRunner implements JobRunner {
    @Override
    public boolean needsRepositoryAlone() {
        return true;
    }

    @Override
    public String name() {
        return "forget";
    }

    @Override
    public JobResult run(JobContext context) {
        var policy = context.retention().orElseThrow(() -> new CairnException(ErrorCode.CONFIG,
                "schedule '" + context.schedule().name() + "': run: forget needs a retention: section"));
        return JobResult.of(ScopedRetention.apply(context.repository(), policy, ScopedRetention.ofAnySchedule()));
    }
}
