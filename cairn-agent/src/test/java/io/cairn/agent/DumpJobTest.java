package io.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.dump.DumpSnapshots;
import io.cairn.testkit.PostgresExtension;
import io.cairn.testkit.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code run: dump} takes a logical dump of a real PostgreSQL through cairn-dump; retention keeps the newest. */
class DumpJobTest {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.create();

    @TempDir
    Path temp;

    @Test
    void scheduledDumpsAreTaggedAndRetentionKeepsTheNewest() throws Exception {
        AgentFixture fixture = new AgentFixture(temp);
        String yaml = "schedules:\n  - { name: dumps, cron: \"30 3 * * *\", zone: UTC, run: dump, db: main }\n"
                + "retention: { keep-last: 1 }\n";
        TestClock clock = new TestClock(Instant.parse("2026-01-01T03:00:00Z"));
        try (Agent agent = Agent.builder(fixture.config(yaml, pg)).clock(clock).loop(false).serve(false).start()) {
            for (int day = 0; day < 2; day++) {
                clock.set(Instant.parse("2026-01-01T03:30:00Z").plus(Duration.ofDays(day)));
                agent.tick(clock.instant());
                assertThat(agent.awaitIdle(Duration.ofMinutes(2))).isTrue();
            }
            RunRecord run = agent.runs(1, Optional.empty()).get(0);
            assertThat(run.outcome()).as("error: %s", run.error()).isEqualTo(RunRecord.Outcome.succeeded);
            assertThat(run.figures()).containsKeys("dump", "bytes", "dataAdded").containsEntry("retentionRemoved", 1);
            assertThat(agent.snapshots()).filteredOn(s -> s.tags().contains("schedule=dumps")).hasSize(1)
                    .allMatch(DumpSnapshots::isDump).allMatch(s -> DumpSnapshots.database(s).equals(Optional.of("main")))
                    .allMatch(s -> ScheduleTags.scheduleOf(s).equals(Optional.of("dumps")));
        }
    }
}
