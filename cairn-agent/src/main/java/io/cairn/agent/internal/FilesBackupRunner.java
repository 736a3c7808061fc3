package io.cairn.agent.internal;

import io.cairn.agent.JobContext;
import io.cairn.agent.JobResult;
import io.cairn.agent.JobRunner;
import io.cairn.agent.ScheduleConfig;
import io.cairn.agent.ScheduleTags;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.BackupOptions;
import io.cairn.repository.BackupResult;
import io.cairn.repository.ProgressListener;
import io.cairn.repository.SnapshotTags;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code run: backup files}: backs up {@code paths:} into the repository, tagged with the schedule's name. */
public final class FilesBackupRunner implements JobRunner {
    @Override
    public String name() {
        return "backup files";
    }

    @Override
    public void validate(ScheduleConfig schedule) {
        if (schedule.paths().isEmpty()) {
            throw new CairnException(ErrorCode.CONFIG, "schedule '" + schedule.name()
                    + "': run: backup files needs paths: (e.g. paths: [/srv/data])");
        }
    }

    @Override
    public boolean producesBackups() {
        return true;
    }

    @Override
    public JobResult run(JobContext context) {
        ScheduleConfig schedule = context.schedule();
        List<String> tags = new ArrayList<>(schedule.tags());
        tags.add(ScheduleTags.of(schedule.name()));
        schedule.database().ifPresent(db -> tags.add(SnapshotTags.database(db)));
        BackupOptions options = BackupOptions.defaults().withTags(tags.toArray(String[]::new))
                .withExcludes(schedule.excludes().toArray(String[]::new));
        List<Path> paths = schedule.paths().stream().map(Path::of).toList();
        BackupResult result = context.repository().backupFiles(paths, options, ProgressListener.NONE);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("snapshot", result.shortId());
        figures.put("files", result.files());
        figures.put("bytes", result.bytes());
        figures.put("bytesRead", result.bytesRead());
        figures.put("dataAdded", result.dataAdded());
        figures.put("dataAddedStored", result.dataAddedStored());
        if (!result.warnings().isEmpty()) {
            figures.put("warnings", result.warnings().size());
        }
        return new JobResult(figures, Optional.of(result.snapshotId()));
    }
}
