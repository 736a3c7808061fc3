package io.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.config.CairnConfig;
import io.cairn.testkit.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schedules driven by an injected clock and {@link Agent#tick}: nothing here sleeps for time to pass. */
class SchedulerTest {
    private static final Instant START = Instant.parse("2026-01-01T01:59:30Z");

    @TempDir
    Path temp;
    AgentFixture fixture;
    TestClock clock;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new AgentFixture(temp);
        clock = new TestClock(START);
    }

    private String filesSchedule(String name, String cron) {
        return "  - { name: " + name + ", cron: \"" + cron + "\", zone: UTC, run: backup files, paths: [\"" + fixture.data + "\"] }\n";
    }

    private Agent start(CairnConfig config, JobRunner... runners) {
        AgentBuilder builder = Agent.builder(config).clock(clock).loop(false).serve(false).shutdownGrace(Duration.ofSeconds(10));
        for (JobRunner runner : runners) {
            builder.runner(runner);
        }
        return builder.start();
    }

    @Test
    void scheduleFiresAtItsCronTimeAndRecordsTheRun() throws Exception {
        try (Agent agent = start(fixture.config("schedules:\n" + filesSchedule("nightly", "0 2 * * *")))) {
            agent.tick(clock.instant());
            assertThat(agent.runs(10, Optional.empty())).isEmpty();

            clock.set(Instant.parse("2026-01-01T02:00:01Z"));
            agent.tick(clock.instant());
            assertThat(agent.awaitIdle(Duration.ofSeconds(60))).isTrue();
            List<RunRecord> runs = agent.runs(10, Optional.empty());
            assertThat(runs).hasSize(1);
            RunRecord run = runs.get(0);
            assertThat(run.outcome()).as("error: %s", run.error()).isEqualTo(RunRecord.Outcome.succeeded);
            assertThat(run.trigger()).isEqualTo("schedule");
            assertThat(run.scheduledFor()).contains(Instant.parse("2026-01-01T02:00:00Z"));
            assertThat(run.figures()).containsKeys("snapshot", "bytes", "dataAdded");
            assertThat(agent.snapshots()).hasSize(1);
            assertThat(agent.snapshots().get(0).tags()).contains("schedule=nightly");

            clock.set(Instant.parse("2026-01-01T02:30:00Z"));
            agent.tick(clock.instant());
            assertThat(agent.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(agent.runs(10, Optional.empty())).hasSize(1);
        }
    }

    @Test
    void firingWhilePreviousRunIsGoingIsSkippedAndRecorded() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        JobRunner blocking = new JobRunner() {
            @Override
            public String name() {
                return "block";
            }

            @Override
            public JobResult run(JobContext context) throws Exception {
                started.countDown();
                release.await();
                return JobResult.of(Map.of("blocked", true));
            }
        };
        try (Agent agent = start(fixture.config("schedules:\n  - { name: slow, cron: \"* * * * *\", run: block }\n"), blocking)) {
            clock.set(Instant.parse("2026-01-01T02:00:00Z"));
            agent.tick(clock.instant());
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            clock.set(Instant.parse("2026-01-01T02:01:00Z"));
            agent.tick(clock.instant());
            List<RunRecord> runs = agent.runs(10, Optional.empty());
            assertThat(runs.get(0).outcome()).isEqualTo(RunRecord.Outcome.skipped);
            assertThat(runs.get(0).error().orElseThrow()).contains("still going");
            release.countDown();
            assertThat(agent.awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(agent.runs(10, Optional.empty())).extracting(RunRecord::outcome)
                    .containsExactlyInAnyOrder(RunRecord.Outcome.succeeded, RunRecord.Outcome.skipped);
        }
    }

    @Test
    void missedFiringsRunOnceAtStartWithinTheWindowAndHistorySurvivesRestart() throws Exception {
        CairnConfig config = fixture.config("schedules:\n" + filesSchedule("hourly", "0 * * * *"));
        clock.set(Instant.parse("2026-01-01T00:59:00Z"));
        long firstId;
        try (Agent agent = start(config)) {
            clock.set(Instant.parse("2026-01-01T01:00:00Z"));
            agent.tick(clock.instant());
            assertThat(agent.awaitIdle(Duration.ofSeconds(60))).isTrue();
            firstId = agent.runs(1, Optional.empty()).get(0).id();
        }
        // down from 01:30 to 03:10: the 02:00 and 03:00 firings were missed; they run once, as 03:00
        clock.set(Instant.parse("2026-01-01T03:10:00Z"));
        try (Agent agent = start(config)) {
            assertThat(agent.runs(10, Optional.empty())).extracting(RunRecord::id).containsExactly(firstId);
            agent.tick(clock.instant());
            assertThat(agent.awaitIdle(Duration.ofSeconds(60))).isTrue();
            List<RunRecord> runs = agent.runs(10, Optional.empty());
            assertThat(runs).hasSize(2);
            assertThat(runs.get(0).id()).isEqualTo(firstId + 1);
            assertThat(runs.get(0).trigger()).isEqualTo("missed");
            assertThat(runs.get(0).scheduledFor()).contains(Instant.parse("2026-01-01T03:00:00Z"));
            assertThat(runs.get(0).outcome()).isEqualTo(RunRecord.Outcome.succeeded);
            agent.tick(clock.instant());
            assertThat(agent.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(agent.runs(10, Optional.empty())).hasSize(2);
        }
    }

    @Test
    void missedFiringsOlderThanTheWindowAreNotRun() throws Exception {
        fixture.agentKeys = "  missed-runs-within: 1h\n";
        CairnConfig config = fixture.config("schedules:\n" + filesSchedule("daily", "0 1 * * *"));
        clock.set(Instant.parse("2026-01-01T00:59:00Z"));
        try (Agent agent = start(config)) {
            clock.set(Instant.parse("2026-01-01T01:00:00Z"));
            agent.tick(clock.instant());
            assertThat(agent.awaitIdle(Duration.ofSeconds(60))).isTrue();
        }
        // down for three days; the newest missed firing (Jan 4 01:00) is 2 h old, beyond the 1 h window
        clock.set(Instant.parse("2026-01-04T03:00:00Z"));
        try (Agent agent = start(config)) {
            agent.tick(clock.instant());
            assertThat(agent.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(agent.runs(10, Optional.empty())).hasSize(1);
            clock.set(Instant.parse("2026-01-05T01:00:00Z"));
            agent.tick(clock.instant());
            assertThat(agent.awaitIdle(Duration.ofSeconds(60))).isTrue();
            assertThat(agent.runs(10, Optional.empty())).hasSize(2);
            assertThat(agent.runs(1, Optional.empty()).get(0).trigger()).isEqualTo("schedule");
        }
    }

    @Test
    void retentionIsAppliedAfterEachBackup() throws Exception {
        CairnConfig config = fixture.config("schedules:\n" + filesSchedule("often", "*/5 * * * *")
                + "retention: { keep-last: 2 }\n");
        // a snapshot another tool wrote into the same repository (same host and paths, so the same group)
        try (io.cairn.repository.Repository repository = io.cairn.repository.Repository.open(
                io.cairn.repository.RepositoryLocation.parse(fixture.repository.toString()).open(),
                io.cairn.repository.Passphrase.of(AgentFixture.PASSWORD), io.cairn.repository.RepositoryOptions.defaults()
                        .withClock(java.time.Clock.fixed(Instant.parse("2025-12-31T00:00:00Z"), java.time.ZoneOffset.UTC)))) {
            repository.backupFiles(List.of(fixture.data), io.cairn.repository.BackupOptions.defaults().withTags("other-tool"),
                    io.cairn.repository.ProgressListener.NONE);
        }
        try (Agent agent = start(config)) {
            for (int i = 1; i <= 3; i++) {
                clock.set(Instant.parse("2026-01-01T02:00:00Z").plus(Duration.ofMinutes(5L * i)));
                agent.tick(clock.instant());
                assertThat(agent.awaitIdle(Duration.ofSeconds(60))).isTrue();
            }
            // the agent's oldest backup went; the other tool's snapshot is not the agent's to remove
            assertThat(agent.snapshots()).hasSize(3);
            assertThat(agent.snapshots()).filteredOn(s -> s.tags().contains("other-tool")).hasSize(1);
            assertThat(agent.snapshots()).filteredOn(s -> s.tags().contains("schedule=often")).hasSize(2);
            assertThat(agent.runs(1, Optional.empty()).get(0).figures()).containsEntry("retentionRemoved", 1);
        }
    }
}
