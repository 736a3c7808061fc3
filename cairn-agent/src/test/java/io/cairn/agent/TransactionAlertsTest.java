package io.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.testkit.Await;
import io.cairn.testkit.PostgresExtension;
import io.cairn.tx.internal.xa.CoordinatorLog;
import io.cairn.tx.internal.xa.Decision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a {@code transactions:} section the agent runs two-phase commit recovery, exports the
 * in-doubt gauges and raises {@code tx-in-doubt} for a branch older than alert-after that recovery
 * must not resolve by itself (the coordinator log is damaged, so the branch needs a person).
 */
class TransactionAlertsTest {
    private static final String GID = "cairn:agent:18c3f0a2b11-5f2e9c01a7d3";

    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.builder().setting("max_prepared_transactions", "5").build();

    @TempDir
    Path temp;

    @Test
    void anOldHeuristicBranchRaisesTxInDoubtAndShowsInTheGauges() throws Exception {
        Path log = temp.resolve("tx-log");
        try (CoordinatorLog written = CoordinatorLog.open(log, "agent")) {
            written.decide(new Decision("cairn:agent:1-000000000001", true, Instant.now(), List.of("main"), false));
            written.decide(new Decision("cairn:agent:2-000000000002", true, Instant.now(), List.of("main"), false));
        }
        Path file = log.resolve("coordinator.log");
        byte[] bytes = Files.readAllBytes(file);
        bytes[20] ^= 0x01; // inside the first decision: the log is damaged, not torn
        Files.write(file, bytes);
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT)");
            c.setAutoCommit(false);
            s.execute("INSERT INTO t VALUES (1)");
            s.execute("PREPARE TRANSACTION '" + GID + ":main'");
            c.setAutoCommit(true);
        }
        AgentFixture fixture = new AgentFixture(temp);
        String section = "transactions:\n  coordinator: { id: agent, log: \"" + log + "\" }\n"
                + "  recovery: { interval: 200ms, alert-after: 1s }\n";
        try (Agent agent = Agent.builder(fixture.config(section, pg)).loop(false).serve(false).start()) {
            Alert alert = Await.value(Duration.ofSeconds(60), "the tx-in-doubt alert", () -> {
                agent.checkHealth(agent.clock().instant());
                return agent.openAlerts().stream().filter(a -> a.key().equals("tx-in-doubt")).findFirst();
            });
            assertThat(alert.severity()).isEqualTo(Alert.Severity.warning);
            assertThat(alert.message()).contains(GID, "'main'", "UNKNOWN", "cairn tx resolve");
            assertThat(agent.scrape()).contains("cairn_tx_in_doubt{coordinator=\"agent\"} 1.0")
                    .contains("cairn_tx_in_doubt_alerts{coordinator=\"agent\"} 1.0");
        } finally {
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
                 Statement s = c.createStatement()) {
                s.execute("ROLLBACK PREPARED '" + GID + ":main'");
            }
        }
    }
}
