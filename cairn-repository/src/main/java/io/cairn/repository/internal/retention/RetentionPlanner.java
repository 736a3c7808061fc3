package io.cairn.repository.internal.retention;

import io.cairn.repository.ForgetResult;
import io.cairn.repository.RetentionPolicy;
import io.cairn.repository.SnapshotInfo;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongBiFunction;

/** Applies a {@link RetentionPolicy} to snapshots (pure: no storage), restic's algorithm. */
public final class RetentionPlanner {

    /** One time bucket: how many periods it may still keep and the last period it kept. */
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

    private RetentionPlanner() {
    }

    public static List<ForgetResult.Group> plan(List<SnapshotInfo> snapshots, RetentionPolicy policy) {
        Map<List<Object>, List<SnapshotInfo>> groups = new LinkedHashMap<>();
        for (SnapshotInfo snapshot : snapshots) {
            List<Object> key = List.of(policy.groupByHost() ? snapshot.host() : "",
                    policy.groupByPaths() ? snapshot.source() : "", policy.groupByPaths() ? snapshot.paths() : List.of());
            groups.computeIfAbsent(key, ignored -> new ArrayList<>()).add(snapshot);
        }
        List<ForgetResult.Group> result = new ArrayList<>();
        for (Map.Entry<List<Object>, List<SnapshotInfo>> group : groups.entrySet()) {
            result.add(planGroup(group.getValue(), policy, group.getKey()));
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static ForgetResult.Group planGroup(List<SnapshotInfo> group, RetentionPolicy policy, List<Object> key) {
        List<SnapshotInfo> newestFirst = new ArrayList<>(group);
        newestFirst.sort(Comparator.comparing(SnapshotInfo::time).thenComparing(SnapshotInfo::id).reversed());
        List<ForgetResult.Kept> keep = new ArrayList<>();
        List<SnapshotInfo> remove = new ArrayList<>();
        if (policy.isEmpty()) {
            newestFirst.forEach(snapshot -> keep.add(new ForgetResult.Kept(snapshot, List.of("policy is empty"))));
        } else {
            List<Bucket> buckets = buckets(policy);
            Instant latest = newestFirst.get(0).time();
            for (int number = 0; number < newestFirst.size(); number++) {
                SnapshotInfo snapshot = newestFirst.get(number);
                List<String> reasons = reasons(snapshot, number, latest, policy, buckets);
                if (reasons.isEmpty()) {
                    remove.add(snapshot);
                } else {
                    keep.add(new ForgetResult.Kept(snapshot, reasons));
                }
            }
        }
        return new ForgetResult.Group((String) key.get(0), (String) key.get(1), (List<String>) key.get(2), keep, remove);
    }

    private static List<String> reasons(SnapshotInfo snapshot, int number, Instant latest, RetentionPolicy policy,
            List<Bucket> buckets) {
        List<String> reasons = new ArrayList<>();
        for (List<String> tags : policy.keepTags()) {
            if (new HashSet<>(snapshot.tags()).containsAll(tags)) {
                reasons.add("has tags " + tags);
            }
        }
        if (policy.keepWithin().isPresent() && snapshot.time().isAfter(latest.minus(policy.keepWithin().get()))) {
            reasons.add("within " + policy.keepWithin().get());
        }
        ZonedDateTime time = snapshot.time().atZone(policy.zone());
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
                new Bucket("last snapshot", policy.keepLast(), (time, number) -> number),
                new Bucket("hourly snapshot", policy.keepHourly(),
                        (time, number) -> time.getYear() * 1_000_000L + time.getMonthValue() * 10_000L
                                + time.getDayOfMonth() * 100L + time.getHour()),
                new Bucket("daily snapshot", policy.keepDaily(),
                        (time, number) -> time.getYear() * 10_000L + time.getMonthValue() * 100L + time.getDayOfMonth()),
                new Bucket("weekly snapshot", policy.keepWeekly(),
                        (time, number) -> time.get(IsoFields.WEEK_BASED_YEAR) * 100L + time.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)),
                new Bucket("monthly snapshot", policy.keepMonthly(),
                        (time, number) -> time.getYear() * 100L + time.getMonthValue()),
                new Bucket("yearly snapshot", policy.keepYearly(), (time, number) -> time.getYear()));
    }
}
