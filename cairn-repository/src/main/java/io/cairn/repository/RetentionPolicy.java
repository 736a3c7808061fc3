package io.cairn.repository;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which snapshots {@link Repository#forget} keeps, with restic's semantics: snapshots are
 * grouped (host + source + paths by default) and, within a group, walked newest first;
 * {@code keepLast n} keeps the n newest; {@code keepDaily n} keeps the newest snapshot of each
 * of the n most recent days that have snapshots (likewise hourly, weekly = ISO week, monthly,
 * yearly; calendar periods in {@link #zone}); a count of -1 means "every period". A snapshot
 * may be kept for several reasons at once, and each reason consumes its own count.
 * {@code keepWithin} keeps every snapshot newer than the group's newest minus that duration;
 * {@code keepTags} keeps snapshots carrying all tags of any one of the lists. A policy that
 * keeps nothing explicitly removes nothing (restic refuses empty policies likewise).
 *
 * <p>Difference from restic: {@code keepWithin} is an exact duration (restic counts calendar
 * years and months).
 */
public record RetentionPolicy(int keepLast, int keepHourly, int keepDaily, int keepWeekly, int keepMonthly,
        int keepYearly, Optional<Duration> keepWithin, List<List<String>> keepTags, ZoneId zone,
        boolean groupByHost, boolean groupByPaths) {


    public RetentionPolicy {
        for (int count : new int[] {keepLast, keepHourly, keepDaily, keepWeekly, keepMonthly, keepYearly}) {
            if (count < -1) {
                throw new CairnException(ErrorCode.USAGE, "a keep count is -1 (all), 0 (off) or positive, not " + count);
            }
        }
        Objects.requireNonNull(keepWithin, "keepWithin");
        keepTags = keepTags.stream().map(List::copyOf).toList();
        Objects.requireNonNull(zone, "zone");
    }

    /** Keeps everything; add rules with the {@code with…} methods. */
    public static RetentionPolicy none() {
        return new RetentionPolicy(0, 0, 0, 0, 0, 0, Optional.empty(), List.of(), ZoneId.systemDefault(), true, true);
    }

    public boolean isEmpty() {
        return keepLast == 0 && keepHourly == 0 && keepDaily == 0 && keepWeekly == 0 && keepMonthly == 0
                && keepYearly == 0 && keepWithin.isEmpty() && keepTags.isEmpty();
    }

    public RetentionPolicy withKeepLast(int n) {
        return new RetentionPolicy(n, keepHourly, keepDaily, keepWeekly, keepMonthly, keepYearly, keepWithin, keepTags, zone, groupByHost, groupByPaths);
    }

    public RetentionPolicy withKeepHourly(int n) {
        return new RetentionPolicy(keepLast, n, keepDaily, keepWeekly, keepMonthly, keepYearly, keepWithin, keepTags, zone, groupByHost, groupByPaths);
    }

    public RetentionPolicy withKeepDaily(int n) {
        return new RetentionPolicy(keepLast, keepHourly, n, keepWeekly, keepMonthly, keepYearly, keepWithin, keepTags, zone, groupByHost, groupByPaths);
    }

    public RetentionPolicy withKeepWeekly(int n) {
        return new RetentionPolicy(keepLast, keepHourly, keepDaily, n, keepMonthly, keepYearly, keepWithin, keepTags, zone, groupByHost, groupByPaths);
    }

    public RetentionPolicy withKeepMonthly(int n) {
        return new RetentionPolicy(keepLast, keepHourly, keepDaily, keepWeekly, n, keepYearly, keepWithin, keepTags, zone, groupByHost, groupByPaths);
    }

    public RetentionPolicy withKeepYearly(int n) {
        return new RetentionPolicy(keepLast, keepHourly, keepDaily, keepWeekly, keepMonthly, n, keepWithin, keepTags, zone, groupByHost, groupByPaths);
    }

    public RetentionPolicy withKeepWithin(Duration duration) {
        return new RetentionPolicy(keepLast, keepHourly, keepDaily, keepWeekly, keepMonthly, keepYearly, Optional.of(duration), keepTags, zone, groupByHost, groupByPaths);
    }

    /** Keeps snapshots that carry all of {@code tags}; call again for alternative lists. */
    public RetentionPolicy withKeepTag(String... tags) {
        List<List<String>> lists = new java.util.ArrayList<>(keepTags);
        lists.add(List.of(tags));
        return new RetentionPolicy(keepLast, keepHourly, keepDaily, keepWeekly, keepMonthly, keepYearly, keepWithin, lists, zone, groupByHost, groupByPaths);
    }

    public RetentionPolicy withZone(ZoneId value) {
        return new RetentionPolicy(keepLast, keepHourly, keepDaily, keepWeekly, keepMonthly, keepYearly, keepWithin, keepTags, value, groupByHost, groupByPaths);
    }

    public RetentionPolicy withGrouping(boolean byHost, boolean byPaths) {
        return new RetentionPolicy(keepLast, keepHourly, keepDaily, keepWeekly, keepMonthly, keepYearly, keepWithin, keepTags, zone, byHost, byPaths);
    }

    /**
     * Applies this policy to one group of items of any kind, newest first, with restic's rules
     * (grouping does not apply): each item's reasons to be kept, e.g. "daily backup" when
     * {@code noun} is "backup"; an empty list means the item goes.
     */
    public <T> List<List<String>> keepReasons(List<T> newestFirst, Function<T, Instant> time,
            Function<T, ? extends Collection<String>> tags, String noun) {
        return io.cairn.repository.internal.retention.RetentionPlanner.keepReasons(newestFirst, time, tags, this, noun);
    }

    /** Parses {@code keep-within} with Cairn's one duration grammar ({@link io.cairn.core.config.DurationText}): 7d, 1y6mo, 36h. */
    public static Duration parseWithin(String text) {
        return io.cairn.core.config.DurationText.parse(text, "keep-within");
    }
}
