package io.cairn.repository.internal.retention;

import io.cairn.repository.ForgetResult;
import io.cairn.repository.RetentionPolicy;
import io.cairn.repository.SnapshotInfo;
import io.cairn.repository.internal.format.ContentId;
import io.cairn.repository.internal.snapshot.SnapshotStore;

import java.util.ArrayList;
import java.util.List;

/** Deletes snapshot files chosen by a policy or by id. Data stays until prune. */
public final class Forgetter {
    private final SnapshotStore snapshots;

    public Forgetter(SnapshotStore snapshots) {
        this.snapshots = snapshots;
    }

    public ForgetResult byPolicy(RetentionPolicy policy, boolean dryRun) {
        List<SnapshotInfo> all = snapshots.list().stream().map(SnapshotStore.Stored::info).toList();
        List<ForgetResult.Group> groups = RetentionPlanner.plan(all, policy);
        int removed = 0;
        for (ForgetResult.Group group : groups) {
            removed += remove(group.remove(), dryRun);
        }
        return new ForgetResult(dryRun, groups, removed);
    }

    public ForgetResult byId(List<String> references, boolean dryRun) {
        List<SnapshotInfo> chosen = new ArrayList<>();
        for (String reference : references) {
            SnapshotInfo info = snapshots.find(reference).info();
            if (chosen.stream().noneMatch(existing -> existing.id().equals(info.id()))) {
                chosen.add(info);
            }
        }
        int removed = remove(chosen, dryRun);
        List<ForgetResult.Group> groups = chosen.isEmpty() ? List.of()
                : List.of(new ForgetResult.Group("", "", List.of(), List.of(), chosen));
        return new ForgetResult(dryRun, groups, removed);
    }

    private int remove(List<SnapshotInfo> victims, boolean dryRun) {
        if (dryRun) {
            return victims.size();
        }
        int removed = 0;
        for (SnapshotInfo victim : victims) {
            if (snapshots.delete(ContentId.parse(victim.id()))) {
                removed++;
            }
        }
        return removed;
    }
}
