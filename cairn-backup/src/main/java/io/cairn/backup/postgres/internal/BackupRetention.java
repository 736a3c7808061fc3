package io.cairn.backup.postgres.internal;

import io.cairn.repository.RetentionPolicy;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.function.ToLongBiFunction;

/**
 * Applies a {@link RetentionPolicy} to the base backups of one database, with the repository's
 * (restic's) rules, but over each backup's stop time (when it became restorable) instead of the
 * snapshot's time, and with one addition: the newest backup is always kept. The repository's own
 * planner is internal to cairn-repository, so the rules are restated here; they are one group
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

    /** One calendar bucket: how many periods it may still keep and the last period it kept. */
    private static final class Bucket {
        final String reason;
        final ToLongBiFunction<ZonedDateTime, Integer> period;
        int count;
        long last = Long.MIN_VALUE;

        Bucket(String reason, int count, ToLongBiFunction<ZonedDateTime, Integer> period) {
            this.reason = reason;
            this.count = count;
            this.period = period;
        }
    }

    private BackupRetention() {
    }

    /** Decisions for {@code backups} (oldest first, as {@link BackupCatalog#list} returns them), oldest first. */
    public static List<Decision> plan(List<BackupCatalog.Backup> backups, RetentionPolicy policy) {
        List<Decision> newestFirst = new ArrayList<>();
        if (backups.isEmpty()) {
            return newestFirst;
        }
        List<Bucket> buckets = buckets(policy);
        Instant latest = backups.get(backups.size() - 1).manifest().stopTime();
        for (int number = 0; number < backups.size(); number++) {
            BackupCatalog.Backup backup = backups.get(backups.size() - 1 - number);
            List<String> reasons = policy.isEmpty() ? new ArrayList<>(List.of("policy is empty"))
                    : reasons(backup, number, latest, policy, buckets);
            if (number == 0 && reasons.isEmpty()) {
                reasons.add(NEWEST);
            }
            newestFirst.add(new Decision(backup, List.copyOf(reasons)));
        }
        List<Decision> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    private static List<String> reasons(BackupCatalog.Backup backup, int number, Instant latest, RetentionPolicy policy,
            List<Bucket> buckets) {
        List<String> reasons = new ArrayList<>();
        Instant stop = backup.manifest().stopTime();
        for (List<String> tags : policy.keepTags()) {
            if (new HashSet<>(backup.snapshot().tags()).containsAll(tags)) {
                reasons.add("has tags " + tags);
            }
        }
        if (policy.keepWithin().isPresent() && stop.isAfter(latest.minus(policy.keepWithin().get()))) {
            reasons.add("within " + policy.keepWithin().get());
        }
        ZonedDateTime time = stop.atZone(policy.zone());
        for (Bucket bucket : buckets) {
            if (bucket.count > 0 || bucket.count == -1) {
                long period = bucket.period.applyAsLong(time, number);
                if (period != bucket.last) {
                    bucket.last = period;
                    if (bucket.count > 0) {
                        bucket.count--;
                    }
                    reasons.add(bucket.reason);
                }
            }
        }
        return reasons;
    }

    private static List<Bucket> buckets(RetentionPolicy policy) {
        return List.of(
                new Bucket("last backup", policy.keepLast(), (time, number) -> number),
                new Bucket("hourly backup", policy.keepHourly(),
                        (time, number) -> time.getYear() * 1_000_000L + time.getMonthValue() * 10_000L
                                + time.getDayOfMonth() * 100L + time.getHour()),
                new Bucket("daily backup", policy.keepDaily(),
                        (time, number) -> time.getYear() * 10_000L + time.getMonthValue() * 100L + time.getDayOfMonth()),
                new Bucket("weekly backup", policy.keepWeekly(),
                        (time, number) -> time.get(IsoFields.WEEK_BASED_YEAR) * 100L
                                + time.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)),
                new Bucket("monthly backup", policy.keepMonthly(),
                        (time, number) -> time.getYear() * 100L + time.getMonthValue()),
                new Bucket("yearly backup", policy.keepYearly(), (time, number) -> time.getYear()));
    }
}
