package io.cairn.agent.internal;

import io.cairn.agent.JobContext;
import io.cairn.agent.JobResult;
import io.cairn.agent.JobRunner;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.CheckResult;
import io.cairn.repository.ProgressListener;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code run: check}: verifies the repository ({@code read-data: true} reads every pack); damage fails the run. */
public final class CheckRunner implements JobRunner {
    @Override
    public boolean verifiesBackups() {
        return true;
    }

    @Override
    public String name() {
        return "check";
    }

    @Override
    public JobResult run(JobContext context) {
        CheckResult result = context.repository().check(context.schedule().readData(), ProgressListener.NONE);
        if (!result.ok()) {
            throw new CairnException(ErrorCode.INTEGRITY, "repository check found " + result.errors().size()
                    + " error(s), first: " + result.errors().get(0));
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("snapshots", result.snapshots());
        figures.put("packs", result.packs());
        figures.put("blobs", result.blobs());
        figures.put("bytesRead", result.bytesRead());
        figures.put("warnings", result.warnings().size());
        return JobResult.of(figures);
    }
}
