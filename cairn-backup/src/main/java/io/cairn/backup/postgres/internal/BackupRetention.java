package io.cairn.backup.postgres.internal;

import io.cairn.repository.RetentionPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Applies a {@link RetentionPolicy} to the base backups of one database, with the repository's
 * (restic's) rules, but over each backup's stop time (when it became restorable) instead of the
 * snapshot's time, and with one addition: the newest backup is always kept. They are one group
 * (one database), so the policy's grouping flags do not apply.
 */
public final class BackupRetention {
    /** The newest backup's reason when no rule of the policy keeps it. */
    public static final String NEWEST = "newest backup";

    /** A backup and why it is kept (empty: it is removed). */
    public record Decision(BackupCatalog.Backup backup, List<String> reasons) {
        public boolean kept() {
            return !reasons.isEmpty();
        }
    }

    private BackupRetention() {
    }

    /** Decisions for {@code backups} (oldest first, as {@link BackupCatalog#list} returns them), oldest first. */
    public static List<Decision> plan(List<BackupCatalog.Backup> backups, RetentionPolicy policy) {
        List<BackupCatalog.Backup> newestFirst = new ArrayList<>(backups);
        Collections.reverse(newestFirst);
        List<List<String>> reasons = policy.keepReasons(newestFirst, backup -> backup.manifest().stopTime(),
                backup -> backup.snapshot().tags(), "backup");
        List<Decision> decisions = new ArrayList<>();
        for (int number = newestFirst.size() - 1; number >= 0; number--) {
            List<String> kept = number == 0 && reasons.get(0).isEmpty() ? List.of(NEWEST) : reasons.get(number);
            decisions.add(new Decision(newestFirst.get(number), kept));
        }
        return decisions;
    }
}
