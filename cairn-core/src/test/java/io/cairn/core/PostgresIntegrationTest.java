package io.cairn.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.cairn.core.internal.DatabaseMetrics;
import io.cairn.testkit.Await;
import io.cairn.testkit.PostgresExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresIntegrationTest {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.create();

    private final TestConfigs.RecordingSleeper sleeper = new TestConfigs.RecordingSleeper();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private DataManager dm;

    @BeforeEach
    void open() {
        dm = DataManager.builder(TestConfigs.databases().add("main", "postgresql", pg).config())
                .meterRegistry(registry).sleeper(sleeper)
                .clock(Clock.fixed(Instant.parse("2030-01-02T03:04:05Z"), ZoneOffset.UTC)).open();
    }

    @AfterEach
    void close() {
        dm.close();
    }

    @Test
    void queriesAndExecutesWithBoundParameters() {
        dm.execute("main", "CREATE TABLE IF NOT EXISTS people (id int PRIMARY KEY, name text, born timestamp, "
                + "score numeric, tags text[], extra jsonb)");
        dm.execute("main", "DELETE FROM people");
        String hostile = "O'Brien'); DROP TABLE people; --";

        long inserted = dm.execute("main", "INSERT INTO people VALUES (?, ?, ?, ?, ARRAY['a','b'], '{\"k\": 1}'::jsonb), "
                + "(?, ?, NULL, NULL, NULL, NULL)", 1, hostile, LocalDateTime.of(1990, 5, 17, 8, 30),
                new BigDecimal("12.50"), 2, "Ann");
        QueryResult result = dm.query("main", "SELECT id, name, born, score, tags, extra FROM people WHERE name = ?", hostile);

        assertThat(inserted).isEqualTo(2);
        assertThat(result.columns()).containsExactly("id", "name", "born", "score", "tags", "extra");
        assertThat(result.rows()).hasSize(1);
        assertThat(result.rowMaps().get(0))
                .containsEntry("id", 1)
                .containsEntry("name", hostile)
                .containsEntry("born", LocalDateTime.of(1990, 5, 17, 8, 30))
                .containsEntry("score", new BigDecimal("12.50"))
                .containsEntry("tags", List.of("a", "b"))
                .containsEntry("extra", "{\"k\": 1}");
        assertThat(dm.query("main", "SELECT born FROM people WHERE id = ?", 2).rows().get(0)).containsOnlyNulls();
        assertThat(dm.queryDatabase("main", "SELECT count(*) FROM people")).isInstanceOf(QueryResult.class);
        assertThat(dm.query("main", "SELECT count(*) FROM people").firstValue()).contains(2L);
    }

    @Test
    void lendsConnectionsAndTheDataSource() throws Exception {
        int answer = dm.withConnection("main", connection -> {
            try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("SELECT 42")) {
                row.next();
                return row.getInt(1);
            }
        });

        assertThat(answer).isEqualTo(42);
        try (var connection = dm.dataSource("main").getConnection()) {
            assertThat(connection.isValid(1)).isTrue();
        }
        assertThat(dm.unwrap("main", HikariDataSource.class).getPoolName()).isEqualTo("main");
    }

    @Test
    void sqlErrorsAreDatabaseErrorsWithTheSqlState() {
        CairnException e = catchThrowableOfType(() -> dm.query("main", "SELECT * FROM no_such_table"), CairnException.class);

        assertThat(e.code()).isEqualTo(ErrorCode.DATABASE_ERROR);
        assertThat(e.getMessage()).startsWith("database 'main': ERROR: relation \"no_such_table\" does not exist")
                .endsWith("(SQLState 42P01)");
        assertThat(sleeper.waits()).as("SQL errors are never retried").isEmpty();
    }

    @Test
    void wrongPasswordIsAuthenticationFailedWithoutRetryOrSecret() {
        String wrong = "not-the-password-" + System.nanoTime();
        try (DataManager bad = DataManager.builder(TestConfigs.databases().add("main", "postgresql", pg.cairnUrl(), wrong).config())
                .sleeper(sleeper).open()) {
            CairnException e = catchThrowableOfType(() -> bad.query("main", "SELECT 1"), CairnException.class);

            assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED);
            assertThat(e.getMessage()).isEqualTo("database 'main': password authentication failed for user '"
                    + pg.user() + "' (check the password: reference in cairn.yaml)");
            assertThat(e.getMessage()).doesNotContain(wrong).doesNotContain(pg.password());
            assertThat(sleeper.waits()).as("refused credentials are never retried").isEmpty();
            DatabaseHealth health = bad.health("main");
            assertThat(health.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(health.error()).hasValueSatisfying(m -> assertThat(m).startsWith("password authentication failed"));
        }
    }

    @Test
    void healthIsUpWithVersionLatencyPoolAndJson() throws Exception {
        HealthReport report = dm.health();

        DatabaseHealth main = report.database("main").orElseThrow();
        assertThat(report.overall()).isEqualTo(HealthStatus.UP);
        assertThat(main.status()).isEqualTo(HealthStatus.UP);
        assertThat(main.serverVersion()).hasValueSatisfying(v -> assertThat(v).startsWith("PostgreSQL "));
        assertThat(main.pool().max()).isEqualTo(4);
        assertThat(main.error()).isEmpty();
        assertThat(main.checkedAt()).isEqualTo(Instant.parse("2030-01-02T03:04:05Z"));

        JsonNode json = CairnJson.mapper().readTree(CairnJson.mapper().writeValueAsString(report));
        assertThat(json.get("overall").asText()).isEqualTo("UP");
        JsonNode first = json.get("databases").get(0);
        assertThat(first.get("id").asText()).isEqualTo("main");
        assertThat(first.get("type").asText()).isEqualTo("postgresql");
        assertThat(first.get("latencyMs").isIntegralNumber()).isTrue();
        assertThat(first.has("latency")).isFalse();
        assertThat(first.has("up")).isFalse();
        assertThat(first.get("pool").has("saturated")).isFalse();
        assertThat(first.get("checkedAt").asText()).isEqualTo("2030-01-02T03:04:05Z");
        assertThat(first.get("pool").get("max").asInt()).isEqualTo(4);
        assertThat(first.get("error").isNull()).isTrue();
        assertThat(json.toString()).doesNotContain(pg.password());
    }

    @Test
    void killedServerIsDownThenUpAgainAfterRestart() {
        assertThat(dm.query("main", "SELECT 1").firstValue()).contains(1);

        pg.kill();
        DatabaseHealth down = dm.health("main");
        // the pooled connection died with the server: the first statement fails on it (not retried,
        // it may have been sent); Hikari evicts it, so the next call must open a new one and retries
        CairnException first = catchThrowableOfType(() -> dm.query("main", "SELECT 1"), CairnException.class);
        CairnException second = catchThrowableOfType(() -> dm.query("main", "SELECT 1"), CairnException.class);

        assertThat(down.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(down.error()).hasValueSatisfying(m -> assertThat(m).contains("cannot connect to 127.0.0.1:" + pg.port()));
        assertThat(first.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
        assertThat(second.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
        assertThat(second.getMessage()).startsWith("database 'main': cannot connect to 127.0.0.1:" + pg.port())
                .contains("gave up after 3 attempts");
        assertThat(sleeper.waits()).hasSize(2);

        pg.start();
        Await.until(Duration.ofSeconds(30), "'main' to be up again", () -> dm.health("main"), health -> health.isUp());
        assertThat(dm.query("main", "SELECT 2").firstValue()).contains(2);
    }

    @Test
    void slowAnswersAreDegraded() {
        try (DataManager slow = DataManager.open(TestConfigs.databases().add("main", "postgresql", pg.cairnUrl(),
                pg.password(), "health: { degraded-latency: 1ns }").config())) {
            DatabaseHealth health = slow.health("main");

            assertThat(health.status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(health.error()).hasValueSatisfying(m -> assertThat(m).startsWith("slow: answered in ")
                    .endsWith("above health.degraded-latency 1ns"));
            assertThat(slow.health().overall()).isEqualTo(HealthStatus.DEGRADED);
        }
    }

    @Test
    void aSaturatedPoolIsDegraded() throws Exception {
        try (DataManager busy = DataManager.open(TestConfigs.databases().add("main", "postgresql", pg.cairnUrl(),
                pg.password(), "pool: { max: 1, connection-timeout: 20s }").config())) {
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
            Thread holder = new Thread(() -> busy.withConnection("main", connection -> {
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            Thread waiter = new Thread(() -> busy.query("main", "SELECT 1"));
            holder.start();
            holding.await();
            waiter.start();
            try {
                Await.until(Duration.ofSeconds(10), "'main' to report DEGRADED", () -> busy.health("main"),
                        health -> health.status() == HealthStatus.DEGRADED);
                assertThat(busy.health("main").error()).hasValueSatisfying(m -> assertThat(m)
                        .startsWith("the pool is saturated: 1 of 1 connections in use, 1 waiting"));
            } finally {
                release.countDown();
                holder.join();
                waiter.join();
            }
            assertThat(busy.health("main").status()).isEqualTo(HealthStatus.UP);
        }
    }

    @Test
    void aRetrySucceedsOnceTheServerIsBack() {
        // the server comes back while Cairn waits before its first retry: no wall clock involved
        java.util.List<Duration> waits = new java.util.ArrayList<>();
        Sleeper restartOnFirstWait = duration -> {
            waits.add(duration);
            if (waits.size() == 1) {
                pg.start();
            }
        };
        try (DataManager retrying = DataManager.builder(TestConfigs.databases().add("main", "postgresql", pg).config())
                .sleeper(restartOnFirstWait).open()) {
            pg.stop();

            assertThat(retrying.query("main", "SELECT 7").firstValue()).contains(7);
            assertThat(waits).hasSize(1);
        }
    }

    @Test
    void recordsMetricsPerDatabase() {
        dm.query("main", "SELECT 1");
        dm.execute("main", "SET application_name = 'metrics-test'");
        catchThrowableOfType(() -> dm.query("main", "SELEC 1"), CairnException.class);
        dm.health();

        assertThat(registry.get(DatabaseMetrics.QUERIES).tags("db", "main", "type", "postgresql", "outcome", "success")
                .counter().count()).isEqualTo(2.0);
        assertThat(registry.get(DatabaseMetrics.QUERIES).tags("outcome", "error").counter().count()).isEqualTo(1.0);
        assertThat(registry.get(DatabaseMetrics.ERRORS).tags("db", "main", "code", "DATABASE_ERROR").counter().count())
                .isEqualTo(1.0);
        assertThat(registry.get(DatabaseMetrics.LATENCY).tags("db", "main").timer().count()).isEqualTo(3);
        assertThat(registry.get(DatabaseMetrics.LATENCY).timer().takeSnapshot().percentileValues()).hasSize(3);
        assertThat(registry.get(DatabaseMetrics.POOL_MAX).gauge().value()).isEqualTo(4.0);
        assertThat(registry.get(DatabaseMetrics.POOL_IDLE).gauge().value()).isGreaterThanOrEqualTo(1.0);
        assertThat(registry.get(DatabaseMetrics.POOL_ACTIVE).gauge().value()).isEqualTo(0.0);
        assertThat(registry.get(DatabaseMetrics.POOL_WAITING).gauge().value()).isEqualTo(0.0);
        assertThat(registry.get(DatabaseMetrics.HEALTH).tags("db", "main").gauge().value()).isEqualTo(1.0);
        assertThat(registry.find("hikaricp.connections").tags("pool", "main").gauge()).isNotNull();
    }

    @Test
    void nonSqlCallsOnAnUnknownDatabaseAreNotFound() {
        CairnException e = catchThrowableOfType(() -> dm.query("nope", "SELECT 1"), CairnException.class);

        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(e.getMessage()).isEqualTo("database 'nope' is not defined in cairn.yaml (configured: main)");
    }
}
