package io.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.backup.postgres.Lsn;
import io.cairn.backup.postgres.PostgresBackups;
import io.cairn.core.DataManager;
import io.cairn.core.config.CairnConfig;
import io.cairn.repository.Passphrase;
import io.cairn.repository.Repository;
import io.cairn.repository.RepositoryLocation;
import io.cairn.testkit.Await;
import io.cairn.testkit.PostgresExtension;
import io.cairn.testkit.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** WAL streaming under the agent: restarts with backoff on the agent's clock, alerts, and a graceful stop that stores WAL. */
class WalSupervisionTest {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.create();

    @TempDir
    Path temp;

    @Test
    void aStreamThatCannotRunIsRetriedWithBackoffAlertedOnAndResumesOnceFixed() throws Exception {
        AgentFixture fixture = new AgentFixture(temp);
        String yaml = "wal: { stream: [main], main: { slot: cairn_retry, create-slot: false, partial-interval: 1s } }\n"
                + "alerts: { wal-lag-over: 2min }\n";
        Instant start = Instant.parse("2026-11-24T10:00:00Z");
        TestClock clock = new TestClock(start);
        try (Agent agent = Agent.builder(fixture.config(yaml, pg)).clock(clock).loop(false).serve(false).start()) {
            agent.tick(clock.instant());
            WalStreamReport failed = agent.walStreams().get(0);
            assertThat(failed.running()).isFalse();
            assertThat(failed.lastError().orElseThrow()).contains("cairn_retry");
            assertThat(failed.nextAttempt()).contains(start.plusSeconds(1));
            assertThat(agent.openAlerts()).extracting(Alert::key).contains("wal-stream:main").doesNotContain("wal-lag:main");

            clock.advance(Duration.ofMillis(500));
            agent.tick(clock.instant());
            clock.advance(Duration.ofMillis(500));
            agent.tick(clock.instant());
            clock.advance(Duration.ofSeconds(5));
            agent.tick(clock.instant());
            // the attempts at 1 s and 6 s failed too; the next waits 4 s (1, 2, 4 ...)
            assertThat(agent.walStreams().get(0).nextAttempt()).contains(clock.instant().plusSeconds(4));

            clock.advance(Duration.ofMinutes(3));
            agent.tick(clock.instant());
            assertThat(agent.openAlerts()).extracting(Alert::key).contains("wal-stream:main", "wal-lag:main");

            PgSql.execute(pg, "SELECT pg_create_physical_replication_slot('cairn_retry', true)");
            clock.advance(Duration.ofMinutes(1));
            agent.tick(clock.instant());
            assertThat(agent.walStreams().get(0).running()).as("%s", agent.walStreams()).isTrue();
            assertThat(agent.openAlerts()).extracting(Alert::key).doesNotContain("wal-stream:main");
            assertThat(agent.walStreams().get(0).restarts()).isZero();

            PgSql.execute(pg, "CREATE TABLE t AS SELECT 1 AS x");
            Await.until(Duration.ofMinutes(1), "the WAL alerts to resolve (state: alerts=streams)", () -> {
                clock.advance(Duration.ofSeconds(5));
                agent.tick(clock.instant());
                return Map.entry(agent.openAlerts(), agent.walStreams());
            }, alertsAndStreams -> alertsAndStreams.getKey().stream().noneMatch(alert -> alert.key().startsWith("wal-")));
            assertThat(agent.resolvedAlerts()).extracting(Alert::key).contains("wal-stream:main", "wal-lag:main");
            assertThat(agent.scrape()).contains("cairn_agent_wal_streaming{db=\"main\"} 1.0");
        }
    }

    @Test
    void aGracefulStopStoresTheWalReceivedSoFar() throws Exception {
        AgentFixture fixture = new AgentFixture(temp);
        String yaml = "wal: { stream: [main], main: { slot: cairn_graceful, partial-interval: 1h } }\n";
        CairnConfig config = fixture.config(yaml, pg);
        Lsn written;
        try (Agent agent = Agent.builder(config).serve(false).start()) {
            Await.until(Duration.ofMinutes(1), "WAL streaming to connect", agent::walStreams, streams -> streams.get(0).connected());
            PgSql.execute(pg, "CREATE TABLE graceful AS SELECT generate_series(1, 1000) AS id");
            written = PgSql.currentLsn(pg);
            Await.until(Duration.ofMinutes(1), "WAL up to " + written + " received", agent::walStreams,
                    streams -> streams.get(0).received().map(Lsn::parse).filter(received -> !received.isBefore(written)).isPresent());
            // an hour's partial interval: what was received waits in memory until the stop
            assertThat(agent.walStreams().get(0).durable().map(Lsn::parse).filter(d -> !d.isBefore(written))).isEmpty();
        }
        try (DataManager dataManager = DataManager.open(config);
                Repository repository = Repository.open(RepositoryLocation.parse(fixture.repository.toString()).open(),
                        Passphrase.of(AgentFixture.PASSWORD))) {
            var wal = new PostgresBackups(dataManager, repository).backups("main").wal();
            assertThat(wal).isNotEmpty();
            assertThat(wal.get(wal.size() - 1).end()).isGreaterThanOrEqualTo(written);
        }
    }

}
