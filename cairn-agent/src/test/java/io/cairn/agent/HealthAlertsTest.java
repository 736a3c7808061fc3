package io.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.testkit.PostgresExtension;
import io.cairn.testkit.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Alerts from the health checks on a real PostgreSQL: database down, low disk space, a stale verify. */
class HealthAlertsTest {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.create();

    @TempDir
    Path temp;

    @Test
    void aDatabaseDownRaisesACriticalAlertAndItsReturnResolvesIt() throws Exception {
        AgentFixture fixture = new AgentFixture(temp);
        try (Agent agent = Agent.builder(fixture.config("", pg)).loop(false).serve(false).start()) {
            agent.checkHealth(agent.clock().instant());
            assertThat(agent.openAlerts()).extracting(Alert::key).doesNotContain("database:main");
            pg.kill();
            try {
                agent.checkHealth(agent.clock().instant());
                Alert down = agent.openAlerts().stream().filter(a -> a.key().equals("database:main")).findFirst().orElseThrow();
                assertThat(down.severity()).isEqualTo(Alert.Severity.critical);
                assertThat(down.message()).contains("'main' is DOWN").doesNotContain(pg.password());
            } finally {
                pg.start();
            }
            agent.checkHealth(agent.clock().instant());
            assertThat(agent.openAlerts()).extracting(Alert::key).doesNotContain("database:main");
            assertThat(agent.resolvedAlerts()).extracting(Alert::key).contains("database:main");
        }
    }

    @Test
    void lowDiskSpaceRaisesAnAlert() throws Exception {
        AgentFixture fixture = new AgentFixture(temp);
        try (Agent agent = Agent.builder(fixture.config("alerts: { disk-free-under: 99.5% }\n", pg)).loop(false)
                .serve(false).start()) {
            agent.checkHealth(agent.clock().instant());
            Alert low = agent.openAlerts().stream().filter(a -> a.key().equals("disk-free-low")).findFirst().orElseThrow();
            assertThat(low.message()).contains(fixture.repository.toString()).contains("limit 99.5%");
            assertThat(agent.diskFreeRatio()).isBetween(0.0, 1.0);
            assertThat(agent.scrape()).contains("cairn_agent_disk_free_ratio ");
        }
    }

    @Test
    void aStaleVerifyIsAlertedUntilAPgVerifySucceeds() throws Exception {
        AgentFixture fixture = new AgentFixture(temp);
        java.nio.file.Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        String yaml = "schedules:\n  - { name: full, cron: \"0 2 * * *\", run: pg backup, db: main }\n"
                + "  - { name: verify, cron: \"0 5 * * 0\", run: pg verify, db: main }\n"
                + "alerts: { verify-older-than: 1h }\n";
        TestClock clock = new TestClock(Instant.parse("2026-11-24T10:00:00Z"));
        try (Agent agent = Agent.builder(fixture.config(yaml, pg)).clock(clock).loop(false).serve(false).start()) {
            agent.checkHealth(clock.instant());
            assertThat(agent.openAlerts()).extracting(Alert::key).doesNotContain("verify-stale:verify");
            clock.advance(Duration.ofHours(2));
            agent.checkHealth(clock.instant());
            assertThat(agent.openAlerts()).extracting(Alert::key).contains("verify-stale:verify");

            agent.trigger("full");
            assertThat(agent.awaitIdle(Duration.ofMinutes(3))).isTrue();
            agent.trigger("verify");
            assertThat(agent.awaitIdle(Duration.ofMinutes(3))).isTrue();
            RunRecord verify = agent.runs(1, Optional.of("verify")).get(0);
            assertThat(verify.outcome()).as("error: %s", verify.error()).isEqualTo(RunRecord.Outcome.succeeded);
            assertThat(verify.figures()).containsKeys("backup", "databases", "reached");
            agent.checkHealth(clock.instant());
            assertThat(agent.openAlerts()).extracting(Alert::key).doesNotContain("verify-stale:verify");
        }
    }
}
