package io.cairn.repository.internal.retention;

import io.cairn.repository.ForgetResult;
import io.cairn.repository.RetentionPolicy;
import io.cairn.repository.SnapshotInfo;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
        List<List<String>> reasons = keepReasons(newestFirst, SnapshotInfo::time, SnapshotInfo::tags, policy, "snapshot");
        List<ForgetResult.Kept> keep = new ArrayList<>();
        List<SnapshotInfo> remove = new ArrayList<>();
        for (int number = 0; number < newestFirst.size(); number++) {
            if (reasons.get(number).isEmpty()) {
                remove.add(newestFirst.get(number));
            } else {
                keep.add(new ForgetResult.Kept(newestFirst.get(number), reasons.get(number)));
            }
        }
        return new ForgetResult.Group((String) key.get(0), (String) key.get(1), (List<String>) key.get(2), keep, remove);
    }

    /**
     * The policy over one group of items, newest first (restic's rules): for each item, the
     * reasons it is kept ("daily snapshot", "within 7d", ...; {@code noun} names the items), empty
     * when it goes. An empty policy keeps everything.
     */
    public static <T> List<List<String>> keepReasons(List<T> newestFirst, Function<T, Instant> time,
            Function<T, ? extends Collection<String>> tags, RetentionPolicy policy, String noun) {
        List<List<String>> all = new ArrayList<>();
        if (policy.isEmpty()) {
            newestFirst.forEach(item -> all.add(List.of("policy is empty")));
            return all;
        }
        List<Bucket> buckets = buckets(policy, noun);
        Instant latest = newestFirst.isEmpty() ? Instant.EPOCH : time.apply(newestFirst.get(0));
        for (int number = 0; number < newestFirst.size(); number++) {
            T item = newestFirst.get(number);
            all.add(List.copyOf(reasons(time.apply(item), tags.apply(item), number, latest, policy, buckets)));
        }
        return all;
    }

    private static List<String> reasons(Instant itemTime, Collection<String> itemTags, int number, Instant latest,
            RetentionPolicy policy, List<Bucket> buckets) {
        List<String> reasons = new ArrayList<>();
        for (List<String> tags : policy.keepTags()) {
            if (new HashSet<>(itemTags).containsAll(tags)) {
                reasons.add("has tags " + tags);
            }
        }
        if (policy.keepWithin().isPresent() && itemTime.isAfter(latest.minus(policy.keepWithin().get()))) {
            reasons.add("within " + policy.keepWithin().get());
        }
        ZonedDateTime time = itemTime.atZone(policy.zone());
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

    private static List<Bucket> buckets(RetentionPolicy policy, String noun) {
        return List.of(
                new Bucket("last " + noun, policy.keepLast(), (time, number) -> number),
                new Bucket("hourly " + noun, policy.keepHourly(),
                        (time, number) -> time.getYear() * 1_000_000L + time.getMonthValue() * 10_000L
                                + time.getDayOfMonth() * 100L + time.getHour()),
                new Bucket("daily " + noun, policy.keepDaily(),
                        (time, number) -> time.getYear() * 10_000L + time.getMonthValue() * 100L + time.getDayOfMonth()),
                new Bucket("weekly " + noun, policy.keepWeekly(),
                        (time, number) -> time.get(IsoFields.WEEK_BASED_YEAR) * 100L + time.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)),
                new Bucket("monthly " + noun, policy.keepMonthly(),
                        (time, number) -> time.getYear() * 100L + time.getMonthValue()),
                new Bucket("yearly " + noun, policy.keepYearly(), (time, number) -> time.getYear()));
    }
}
