package io.cairn.agent.internal;

import io.cairn.agent.JobContext;
import io.cairn.agent.JobResult;
import io.cairn.agent.JobRunner;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.ForgetResult;
import io.cairn.repository.ProgressListener;
import io.cairn.repository.PruneOptions;
import io.cairn.repository.PruneResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code run: forget}: applies {@code retention:} on its own schedule, then prunes. */
public final class ForgetRunner implements JobRunner {
    @Override
    public String name() {
        return "forget";
    }

    @Override
    public JobResult run(JobContext context) {
        var policy = context.retention().orElseThrow(() -> new CairnException(ErrorCode.CONFIG,
                "schedule '" + context.schedule().name() + "': run: forget needs a retention: section"));
        ForgetResult forget = context.repository().forget(policy, false);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("removed", forget.removed());
        if (forget.removed() > 0) {
            PruneResult prune = context.repository().prune(PruneOptions.defaults(), ProgressListener.NONE);
            figures.put("packsDeleted", prune.packsDeleted());
            figures.put("bytesFreed", prune.bytesFreed());
        }
        return JobResult.of(figures);
    }
}
