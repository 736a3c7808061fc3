package io.cairn.agent;

import io.cairn.repository.ForgetResult;
import io.cairn.repository.ProgressListener;
import io.cairn.repository.PruneOptions;
import io.cairn.repository.PruneResult;
import io.cairn.repository.Repository;
import io.cairn.repository.RetentionPolicy;
import io.cairn.repository.SnapshotInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Applies the retention policy only to snapshots the agent's own schedules wrote. The
 * repository's forget-by-policy covers every snapshot group; a shared repository also holds
 * snapshots other tools own (PostgreSQL base backups and WAL, whose retention must respect
 * WAL chains), so the policy is evaluated as a dry run and only the snapshots in scope are
 * removed, by id. Prune follows when something was removed. {@link JobRunner#applyRetention}
 * does this for a schedule's own snapshots (those tagged {@link ScheduleTags#of}); a runner that
 * overrides it can call it with a scope of its own.
 */
public final class ScopedRetention {
    private ScopedRetention() {
    }

    /** Forgets (then prunes) what the policy removes among the snapshots {@code inScope} accepts; returns figures. */
    public static Map<String, Object> apply(Repository repository, RetentionPolicy policy, Predicate<SnapshotInfo> inScope) {
        ForgetResult plan = repository.forget(policy, true);
        List<String> remove = plan.groups().stream().flatMap(group -> group.remove().stream()).filter(inScope)
                .map(SnapshotInfo::id).toList();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("retentionRemoved", remove.size());
        if (!remove.isEmpty()) {
            repository.forgetSnapshots(remove, false);
            PruneResult prune = repository.prune(PruneOptions.defaults(), ProgressListener.NONE);
            figures.put("pruneBytesFreed", prune.bytesFreed());
        }
        return figures;
    }

    /** Snapshots tagged with this schedule's name ({@link ScheduleTags#of}). */
    public static Predicate<SnapshotInfo> ofSchedule(String schedule) {
        return snapshot -> ScheduleTags.scheduleOf(snapshot).filter(schedule::equals).isPresent();
    }

    /** Snapshots tagged by any agent schedule. */
    public static Predicate<SnapshotInfo> ofAnySchedule() {
        return snapshot -> ScheduleTags.scheduleOf(snapshot).isPresent();
    }
}
