package io.cairn.agent.internal;

import io.cairn.agent.JobContext;
import io.cairn.agent.JobResult;
import io.cairn.agent.JobRunner;
import io.cairn.core.CairnException;
import io.cairn.core.DatabaseHealth;
import io.cairn.core.ErrorCode;
import io.cairn.core.HealthReport;
import io.cairn.core.HealthStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code run: status}: checks database health ({@code db:} one, else all); a database that is DOWN fails the run. */
public final class StatusRunner implements JobRunner {
    @Override
    public String name() {
        return "status";
    }

    @Override
    public JobResult run(JobContext context) {
        Map<String, Object> figures = new LinkedHashMap<>();
        if (context.schedule().database().isPresent()) {
            DatabaseHealth health = context.dataManager().health(context.schedule().database().get());
            record(figures, health);
        } else {
            HealthReport report = context.dataManager().health();
            report.databases().forEach(health -> record(figures, health));
        }
        return JobResult.of(figures);
    }

    private static void record(Map<String, Object> figures, DatabaseHealth health) {
        if (health.status() == HealthStatus.DOWN) {
            throw new CairnException(ErrorCode.UNHEALTHY, "database '" + health.id() + "' is DOWN: "
                    + health.error().orElse("no detail"));
        }
        figures.put(health.id(), health.status().name());
        figures.put(health.id() + ".latencyMs", health.latencyMillis());
    }
}
