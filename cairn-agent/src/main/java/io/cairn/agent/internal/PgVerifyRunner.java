package io.cairn.agent.internal;

import io.cairn.agent.JobContext;
import io.cairn.agent.JobResult;
import io.cairn.agent.JobRunner;
import io.cairn.agent.ScheduleConfig;
import io.cairn.backup.postgres.PgVerifyResult;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code run: pg verify}: restores the newest base backup of {@code db} into a scratch directory, recovers and checks it. */
public final class PgVerifyRunner implements JobRunner {
    @Override
    public boolean verifiesBackups() {
        return true;
    }

    @Override
    public String name() {
        return "pg verify";
    }

    @Override
    public void validate(ScheduleConfig schedule) {
        if (schedule.database().isEmpty()) {
            throw new CairnException(ErrorCode.CONFIG, "schedule '" + schedule.name() + "': run: pg verify needs db:");
        }
    }

    @Override
    public JobResult run(JobContext context) {
        String db = context.schedule().database().orElseThrow();
        PgVerifyResult result = context.cairn().postgres().verify(db, Optional.empty());
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("backup", result.backupId().substring(0, Math.min(8, result.backupId().length())));
        figures.put("databases", result.databases().size());
        figures.put("bytes", result.bytes());
        figures.put("reached", String.valueOf(result.reached()));
        return JobResult.of(figures);
    }
}
