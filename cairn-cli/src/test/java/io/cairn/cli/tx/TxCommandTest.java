package io.cairn.cli.tx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.cli.CliRun;
import io.cairn.testkit.MariaDbExtension;
import io.cairn.testkit.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn tx in-doubt / recover / resolve} against a real PostgreSQL and MariaDB holding
 * branches prepared as a crashed coordinator "cli" would have left them; the tests build on each
 * other in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TxCommandTest {
    private static final int FORMAT_ID = 0x43524E31;
    /** Prepared now, so younger than alert-after. */
    private static final String NOW = Long.toHexString(System.currentTimeMillis());
    private static final String UNDECIDED = "cairn:cli:" + NOW + "-5f2e9c01a7d3";
    private static final String TO_COMMIT = "cairn:cli:" + NOW + "-0123456789ab";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final PostgresExtension postgres = PostgresExtension.builder().systemBinaries(15)
            .setting("max_prepared_transactions", "10").build();
    @RegisterExtension
    static final MariaDbExtension mariadb = MariaDbExtension.create();

    @TempDir
    static Path dir;
    static String config;

    @BeforeAll
    static void prepareBranchesOfACrashedCoordinator() throws Exception {
        config = Files.writeString(dir.resolve("cairn.yaml"), """
                databases:
                  main:   { type: postgresql, url: "%s", password: "%s" }
                  legacy: { type: mariadb, url: "%s", password: "%s" }
                transactions:
                  coordinator: { id: cli, log: "%s" }
                  recovery: { interval: 30s, alert-after: 5min }
                """.formatted(postgres.cairnUrl(), postgres.password(), mariadb.cairnUrl(), mariadb.password(),
                dir.resolve("log"))).toString();
        for (boolean pg : new boolean[] {true, false}) {
            try (Connection c = connect(pg); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE accounts (id INT PRIMARY KEY, balance BIGINT NOT NULL)");
                s.execute("INSERT INTO accounts VALUES (1, 100)");
            }
        }
        prepare(UNDECIDED, 10);
    }

    @Test
    @Order(1)
    void inDoubtListsBothBranchesAsPresumedAbort() throws Exception {
        CliRun run = CliRun.of("--config", config, "tx", "in-doubt", "--json");
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("coordinator").asText()).isEqualTo("cli");
        assertThat(report.get("branches")).hasSize(2);
        for (JsonNode branch : report.get("branches")) {
            assertThat(branch.get("gid").asText()).isEqualTo(UNDECIDED);
            assertThat(branch.get("outcome").asText()).isEqualTo("PRESUMED_ABORT");
        }
        CliRun table = CliRun.of("--config", config, "tx", "in-doubt");
        assertThat(table.out()).contains(UNDECIDED, "main", "legacy", "PRESUMED_ABORT");
    }

    @Test
    @Order(2)
    void recoverDryRunChangesNothing() throws Exception {
        CliRun run = CliRun.of("--config", config, "tx", "recover", "--dry-run");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("WOULD_ROLL_BACK", "presumed abort");
        assertThat(prepared()).hasSize(2);
    }

    @Test
    @Order(3)
    void recoverRollsBackWhatTheLogNeverDecided() throws Exception {
        CliRun run = CliRun.of("--config", config, "tx", "recover", "--json");
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.get("resolutions")).hasSize(2);
        result.get("resolutions").forEach(r -> assertThat(r.get("action").asText()).isEqualTo("ROLLED_BACK"));
        assertThat(prepared()).isEmpty();
        assertThat(balances()).containsExactly(100L, 100L);
    }

    @Test
    @Order(4)
    void resolveCommitIsLoggedAndCommitsEveryBranch() throws Exception {
        prepare(TO_COMMIT, 5);
        CliRun run = CliRun.of("--config", config, "tx", "resolve", TO_COMMIT, "--commit");
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).contains("COMMITTED", "cleaned " + TO_COMMIT);
        assertThat(prepared()).isEmpty();
        assertThat(balances()).containsExactly(105L, 105L);
        JsonNode report = JSON.readTree(CliRun.of("--config", config, "tx", "in-doubt", "--json").out());
        assertThat(report.get("branches")).isEmpty();
        assertThat(report.get("decided")).isEmpty();
    }

    @Test
    @Order(5)
    void resolveRefusesAnotherCoordinatorsGidAndNeedsADecision() {
        CliRun foreign = CliRun.of("--config", config, "tx", "resolve", "cairn:other:18c3f0a2b11-5f2e9c01a7d3", "--commit");
        assertThat(foreign.exitCode()).isEqualTo(2);
        assertThat(foreign.err()).contains("not a global transaction id of coordinator 'cli'");
        CliRun neither = CliRun.of("--config", config, "tx", "resolve", TO_COMMIT);
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(CliRun.of("tx", "recover", "--help").out()).contains("--dry-run");
    }

    private static void prepare(String gid, int amount) throws SQLException {
        try (Connection c = connect(true); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("UPDATE accounts SET balance = balance + " + amount + " WHERE id = 1");
            s.execute("PREPARE TRANSACTION '" + gid + ":main'");
            c.setAutoCommit(true);
        }
        String xid = "'" + gid + "','legacy'," + FORMAT_ID;
        try (Connection c = connect(false); Statement s = c.createStatement()) {
            s.execute("XA START " + xid);
            s.execute("UPDATE accounts SET balance = balance + " + amount + " WHERE id = 1");
            s.execute("XA END " + xid);
            s.execute("XA PREPARE " + xid);
        }
    }

    private static List<String> prepared() throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = connect(true); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT gid FROM pg_prepared_xacts")) {
            while (r.next()) {
                found.add(r.getString(1));
            }
        }
        try (Connection c = connect(false); Statement s = c.createStatement(); ResultSet r = s.executeQuery("XA RECOVER")) {
            while (r.next()) {
                found.add(r.getString("data"));
            }
        }
        return found;
    }

    private static List<Long> balances() throws SQLException {
        List<Long> found = new ArrayList<>();
        for (boolean pg : new boolean[] {true, false}) {
            try (Connection c = connect(pg); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT balance FROM accounts WHERE id = 1")) {
                r.next();
                found.add(r.getLong(1));
            }
        }
        return found;
    }

    private static Connection connect(boolean pg) throws SQLException {
        return pg ? DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password())
                : DriverManager.getConnection(mariadb.jdbcUrl(), mariadb.user(), mariadb.password());
    }
}
