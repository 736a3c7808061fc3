package io.cairn.agent.internal;

import io.cairn.agent.JobContext;
import io.cairn.agent.JobResult;
import io.cairn.agent.JobRunner;
import io.cairn.agent.ScheduleConfig;
import io.cairn.agent.ScheduleTags;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.dump.DumpOptions;
import io.cairn.dump.DumpResult;
import io.cairn.repository.ProgressListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code run: dump}: a logical dump of {@code db} (PostgreSQL, MariaDB/MySQL, Redis, MongoDB) through
 * cairn-dump (which tags it with the database), tagged with the schedule so that retention applies to
 * this schedule's dumps (each dump restores on its own).
 */
public final class DumpRunner implements JobRunner {
    @Override
    public String name() {
        return "dump";
    }

    @Override
    public void validate(ScheduleConfig schedule) {
        if (schedule.database().isEmpty()) {
            throw new CairnException(ErrorCode.CONFIG, "schedule '" + schedule.name() + "': run: dump needs db:");
        }
    }

    @Override
    public boolean producesBackups() {
        return true;
    }

    @Override
    public JobResult run(JobContext context) {
        ScheduleConfig schedule = context.schedule();
        String db = schedule.database().orElseThrow();
        List<String> tags = new ArrayList<>(schedule.tags());
        tags.add(ScheduleTags.of(schedule.name()));
        DumpResult result = context.cairn().dumps()
                .dump(db, DumpOptions.defaults().withTags(tags.toArray(String[]::new)), ProgressListener.NONE);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("dump", result.shortId());
        figures.put("format", String.valueOf(result.format()));
        figures.put("files", result.files());
        figures.put("bytes", result.bytes());
        figures.put("dataAdded", result.dataAdded());
        figures.put("dataAddedStored", result.dataAddedStored());
        if (!result.warnings().isEmpty()) {
            figures.put("warnings", result.warnings().size());
        }
        return new JobResult(figures, Optional.of(result.dumpId()));
    }
}
