package io.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.cairn.testkit.Await;
import io.cairn.testkit.TestClock;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failed runs and stale backups raise alerts once (de-duplicated, also across a restart), to the API and to a
 * webhook, and resolve.
 */
class AlertsTest {
    @TempDir
    Path temp;
    AgentFixture fixture;
    TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    HttpServer receiver;
    final List<JsonNode> received = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();

    @BeforeEach
    void setUp() throws Exception {
        fixture = new AgentFixture(temp);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        receiver.createContext("/hook", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                // the first delivery attempts fail, to exercise the retry
                if (failuresLeft.getAndDecrement() > 0) {
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                received.add(new ObjectMapper().readTree(body));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        receiver.start();
    }

    @AfterEach
    void tearDown() {
        receiver.stop(0);
    }

    @Test
    void failingJobRaisesOneAlertUntilASuccessResolvesIt() throws Exception {
        AtomicBoolean fail = new AtomicBoolean(true);
        JobRunner flaky = new JobRunner() {
            @Override
            public String name() {
                return "flaky";
            }

            @Override
            public JobResult run(JobContext context) {
                if (fail.get()) {
                    throw new IllegalStateException("disk on fire");
                }
                return JobResult.of(java.util.Map.of());
            }
        };
        failuresLeft.set(1);
        String yaml = "schedules:\n  - { name: flaky, cron: \"* * * * *\", run: flaky }\n"
                + "alerts: { webhook: \"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\" }\n";
        List<Duration> backoffs = new CopyOnWriteArrayList<>();
        try (Agent agent = Agent.builder(fixture.config(yaml)).clock(clock).loop(false).serve(false)
                .sleeper(backoffs::add).runner(flaky).start()) {
            for (int minute = 1; minute <= 3; minute++) {
                clock.set(Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofMinutes(minute)));
                agent.tick(clock.instant());
                assertThat(agent.awaitIdle(Duration.ofSeconds(30))).isTrue();
            }
            assertThat(agent.runs(10, Optional.empty())).extracting(RunRecord::outcome).containsOnly(RunRecord.Outcome.failed);
            assertThat(agent.openAlerts()).singleElement().satisfies(alert -> {
                assertThat(alert.key()).isEqualTo("job-failed:flaky");
                assertThat(alert.severity()).isEqualTo(Alert.Severity.critical);
                assertThat(alert.message()).contains("disk on fire");
            });
            Await.until(Duration.ofSeconds(30), "one alert notification", () -> List.copyOf(received), list -> list.size() == 1);
            assertThat(received.get(0).path("event").asText()).isEqualTo("raised");
            assertThat(received.get(0).path("alert").path("key").asText()).isEqualTo("job-failed:flaky");
            assertThat(backoffs).containsExactly(Duration.ofSeconds(1));
        }
        // a restarted agent still has the alert open (same raise time), and does not notify it again
        try (Agent agent = Agent.builder(fixture.config(yaml)).clock(clock).loop(false).serve(false)
                .sleeper(backoffs::add).runner(flaky).start()) {
            assertThat(agent.openAlerts()).singleElement().satisfies(alert -> {
                assertThat(alert.key()).isEqualTo("job-failed:flaky");
                assertThat(alert.raisedAt()).isEqualTo(Instant.parse("2026-01-01T00:01:00Z"));
            });
            fail.set(false);
            clock.set(Instant.parse("2026-01-01T00:04:00Z"));
            agent.tick(clock.instant());
            assertThat(agent.awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(agent.openAlerts()).isEmpty();
            assertThat(agent.resolvedAlerts()).extracting(Alert::key).containsExactly("job-failed:flaky");
            Await.until(Duration.ofSeconds(30), "a second alert notification", () -> List.copyOf(received), list -> list.size() == 2);
            assertThat(received.get(1).path("event").asText()).isEqualTo("resolved");
        }
        assertThat(received).extracting(body -> body.path("event").asText()).containsExactly("raised", "resolved");
    }

    @Test
    void staleBackupRaisesAFreshnessAlert() throws Exception {
        String yaml = "schedules:\n  - { name: files, cron: \"0 3 * * *\", zone: UTC, run: backup files, paths: [\""
                + fixture.data + "\"] }\nalerts: { backup-older-than: 2h }\n";
        try (Agent agent = Agent.builder(fixture.config(yaml)).clock(clock).loop(false).serve(false).start()) {
            agent.checkHealth(clock.instant());
            assertThat(agent.openAlerts()).isEmpty();
            clock.advance(Duration.ofHours(2).plusMinutes(1));
            agent.checkHealth(clock.instant());
            agent.checkHealth(clock.instant());
            assertThat(agent.openAlerts()).extracting(Alert::key).containsExactly("backup-stale:files");
            agent.trigger("files");
            assertThat(agent.awaitIdle(Duration.ofSeconds(60))).isTrue();
            agent.checkHealth(clock.instant());
            assertThat(agent.openAlerts()).isEmpty();
        }
    }
}
