package io.cairn.repository.internal.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.repository.ForgetResult;
import io.cairn.repository.RetentionPolicy;
import io.cairn.repository.SnapshotInfo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Restic's retention semantics on explicit times (no clock involved). */
class RetentionPlannerTest {
    private static final RetentionPolicy UTC = RetentionPolicy.none().withZone(ZoneOffset.UTC);

    @Test
    void keepDailyKeepsTheNewestOfEachOfTheLastNDays() {
        List<SnapshotInfo> snapshots = new ArrayList<>();
        for (int day = 1; day <= 5; day++) {
            snapshots.add(snapshot("d" + day + "-06", "2024-03-0" + day + "T06:00:00Z"));
            snapshots.add(snapshot("d" + day + "-18", "2024-03-0" + day + "T18:00:00Z"));
        }
        ForgetResult.Group group = single(snapshots, UTC.withKeepDaily(3));
        assertThat(kept(group)).containsExactly("d5-18", "d4-18", "d3-18");
        assertThat(group.remove()).hasSize(7);
    }

    @Test
    void rulesCombineAndEachConsumesItsOwnCount() {
        List<SnapshotInfo> snapshots = new ArrayList<>();
        for (int day = 1; day <= 5; day++) {
            snapshots.add(snapshot("d" + day + "-06", "2024-03-0" + day + "T06:00:00Z"));
            snapshots.add(snapshot("d" + day + "-18", "2024-03-0" + day + "T18:00:00Z"));
        }
        ForgetResult.Group group = single(snapshots, UTC.withKeepLast(2).withKeepDaily(3));
        assertThat(kept(group)).containsExactly("d5-18", "d5-06", "d4-18", "d3-18");
        assertThat(group.keep().get(0).reasons()).containsExactly("last snapshot", "daily snapshot");
        assertThat(group.keep().get(1).reasons()).containsExactly("last snapshot");
    }

    @Test
    void weeklyMonthlyYearly() {
        List<SnapshotInfo> snapshots = List.of(
                snapshot("2022-12", "2022-12-31T10:00:00Z"),
                snapshot("2023-06", "2023-06-15T10:00:00Z"),
                snapshot("2023-12a", "2023-12-01T10:00:00Z"),
                snapshot("2023-12b", "2023-12-20T10:00:00Z"),
                snapshot("2024-01-w1", "2024-01-02T10:00:00Z"),
                snapshot("2024-01-w1b", "2024-01-04T10:00:00Z"),
                snapshot("2024-01-w2", "2024-01-09T10:00:00Z"));
        assertThat(kept(single(snapshots, UTC.withKeepWeekly(2)))).containsExactly("2024-01-w2", "2024-01-w1b");
        assertThat(kept(single(snapshots, UTC.withKeepMonthly(3)))).containsExactly("2024-01-w2", "2023-12b", "2023-06");
        assertThat(kept(single(snapshots, UTC.withKeepYearly(-1)))).containsExactly("2024-01-w2", "2023-12b", "2022-12");
    }

    @Test
    void keepWithinIsRelativeToTheNewestSnapshotAndKeepTagNeedsAllTags() {
        List<SnapshotInfo> snapshots = List.of(
                snapshot("old-tagged", "2024-01-01T00:00:00Z", "monthly", "db"),
                snapshot("old-half-tagged", "2024-01-02T00:00:00Z", "monthly"),
                snapshot("recent", "2024-02-09T00:00:00Z"),
                snapshot("newest", "2024-02-10T00:00:00Z"));
        ForgetResult.Group group = single(snapshots, UTC.withKeepWithin(RetentionPolicy.parseWithin("2d"))
                .withKeepTag("monthly", "db"));
        assertThat(kept(group)).containsExactly("newest", "recent", "old-tagged");
        assertThat(group.keep().get(2).reasons()).containsExactly("has tags [monthly, db]");
        assertThat(RetentionPolicy.parseWithin("1y2mo3d4h")).isEqualTo(Duration.ofHours(365 * 24 + 60 * 24 + 3 * 24 + 4));
        assertThatThrownBy(() -> RetentionPolicy.parseWithin("1y2m")).hasMessageContaining("ambiguous")
                .hasMessageContaining("2min").hasMessageContaining("2mo");
    }

    @Test
    void anEmptyPolicyKeepsEverythingAndGroupsFollowHosts() {
        List<SnapshotInfo> snapshots = List.of(snapshot("a", "2024-01-01T00:00:00Z"),
                new SnapshotInfo("b", "b", Instant.parse("2024-01-02T00:00:00Z"), "other", "u", List.of(), List.of("/data"),
                        "files", Optional.empty(), 0, 0, 0, 0, 0));
        List<ForgetResult.Group> groups = RetentionPlanner.plan(snapshots, UTC);
        assertThat(groups).hasSize(2).allMatch(group -> group.remove().isEmpty());
        assertThat(RetentionPlanner.plan(snapshots, UTC.withKeepLast(1).withGrouping(false, true))).hasSize(1)
                .first().satisfies(group -> assertThat(kept(group)).containsExactly("b"));
    }

    private static ForgetResult.Group single(List<SnapshotInfo> snapshots, RetentionPolicy policy) {
        List<ForgetResult.Group> groups = RetentionPlanner.plan(snapshots, policy);
        assertThat(groups).hasSize(1);
        return groups.get(0);
    }

    private static List<String> kept(ForgetResult.Group group) {
        return group.keep().stream().map(kept -> kept.snapshot().id()).toList();
    }

    private static SnapshotInfo snapshot(String id, String time, String... tags) {
        return new SnapshotInfo(id, id, Instant.parse(time), "host", "user", List.of(tags), List.of("/data"), "files",
                Optional.empty(), 0, 0, 0, 0, 0);
    }
}
