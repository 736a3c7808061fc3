package io.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.testkit.PostgresExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The admin API over real HTTP against an agent watching a real PostgreSQL. */
class AdminApiTest {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.create();

    static final List<String> READ_ENDPOINTS = List.of("/api/status", "/api/databases", "/api/snapshots",
            "/api/schedules", "/api/runs", "/api/alerts", "/api/restore-points", "/api/wal", "/api/backups", "/metrics");
    static final String TRIGGER = "/api/schedules/files/run";

    static Path temp;
    static AgentFixture fixture;
    static Agent agent;
    static String base;
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();
    static final List<String> bodies = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        temp = Files.createTempDirectory("cairn-agent-api");
        fixture = new AgentFixture(temp);
        String yaml = "schedules:\n  - { name: files, cron: \"0 3 * * *\", run: backup files, db: main, paths: [\""
                + fixture.data + "\"] }\n  - { name: health, cron: \"*/5 * * * *\", run: status, db: main }\n";
        agent = Agent.builder(fixture.config(yaml, pg)).loop(false).start();
        base = "http://127.0.0.1:" + agent.address().orElseThrow().getPort();
    }

    @AfterAll
    static void stop() throws Exception {
        agent.close();
        try (var files = Files.walk(temp)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        // no response ever carries the repository passphrase, a token or the database password
        for (String body : bodies) {
            assertThat(body).doesNotContain(AgentFixture.PASSWORD).doesNotContain(AgentFixture.ADMIN_TOKEN)
                    .doesNotContain(AgentFixture.VIEWER_TOKEN).doesNotContain(pg.password());
        }
    }

    static HttpResponse<String> call(String method, String path, Optional<String> token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        bodies.add(response.body());
        return response;
    }

    static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = call("GET", path, Optional.of(AgentFixture.VIEWER_TOKEN));
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Test
    void everyEndpointRefusesAMissingOrWrongToken() throws Exception {
        List<String[]> endpoints = new ArrayList<>();
        READ_ENDPOINTS.forEach(path -> endpoints.add(new String[] {"GET", path}));
        endpoints.add(new String[] {"POST", TRIGGER});
        for (String[] endpoint : endpoints) {
            HttpResponse<String> none = call(endpoint[0], endpoint[1], Optional.empty());
            assertThat(none.statusCode()).as(endpoint[1]).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).isPresent();
            assertThat(json.readTree(none.body()).path("error").asText()).contains("Bearer");
            HttpResponse<String> wrong = call(endpoint[0], endpoint[1], Optional.of(AgentFixture.ADMIN_TOKEN + "x"));
            assertThat(wrong.statusCode()).as(endpoint[1]).isEqualTo(401);
            assertThat(json.readTree(wrong.body()).path("status").asInt()).isEqualTo(401);
        }
    }

    @Test
    void viewerReadsEverythingButCannotTrigger() throws Exception {
        for (String path : READ_ENDPOINTS) {
            assertThat(call("GET", path, Optional.of(AgentFixture.VIEWER_TOKEN)).statusCode()).as(path).isEqualTo(200);
            assertThat(call("GET", path, Optional.of(AgentFixture.ADMIN_TOKEN)).statusCode()).as(path).isEqualTo(200);
        }
        HttpResponse<String> forbidden = call("POST", TRIGGER, Optional.of(AgentFixture.VIEWER_TOKEN));
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(json.readTree(forbidden.body()).path("error").asText()).contains("admin");
    }

    @Test
    void adminTriggersABackupThatShowsUpInRunsSnapshotsAndTheRestoreWindow() throws Exception {
        int before = get("/api/snapshots").path("snapshots").size();
        HttpResponse<String> accepted = call("POST", TRIGGER, Optional.of(AgentFixture.ADMIN_TOKEN));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        long id = json.readTree(accepted.body()).path("run").path("id").asLong();
        assertThat(agent.awaitIdle(Duration.ofSeconds(60))).isTrue();

        JsonNode run = get("/api/runs?job=files&limit=5").path("runs").get(0);
        assertThat(run.path("id").asLong()).isEqualTo(id);
        assertThat(run.path("trigger").asText()).isEqualTo("manual");
        assertThat(run.path("outcome").asText()).isEqualTo("succeeded");
        assertThat(get("/api/snapshots").path("snapshots").size()).isEqualTo(before + 1);
        JsonNode database = get("/api/databases").path("databases").get(0);
        assertThat(database.path("id").asText()).isEqualTo("main");
        assertThat(database.path("status").asText()).isEqualTo("UP");
        assertThat(database.path("restoreWindow").path("points").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(database.path("restoreWindow").path("newest").isTextual()).isTrue();
        JsonNode schedules = get("/api/schedules").path("schedules");
        assertThat(schedules.get(0).path("name").asText()).isEqualTo("files");
        assertThat(schedules.get(0).path("next").isTextual()).isTrue();
        assertThat(get("/api/status").path("overall").asText()).isEqualTo("UP");
    }

    @Test
    void malformedRequestsGetJsonErrors() throws Exception {
        String admin = AgentFixture.ADMIN_TOKEN;
        assertError(call("GET", "/api/runs?limit=abc", Optional.of(admin)), 400, "limit");
        assertError(call("GET", "/api/runs?limit=100000", Optional.of(admin)), 400, "limit");
        assertError(call("GET", "/api/runs?limit=-1", Optional.of(admin)), 400, "limit");
        assertError(call("GET", "/api/runs?job=nope", Optional.of(admin)), 404, "nope");
        assertError(call("GET", "/api/nothing", Optional.of(admin)), 404, "no such API endpoint");
        assertError(call("GET", "/etc/passwd", Optional.empty()), 404, "no such path");
        assertError(call("DELETE", "/api/status", Optional.of(admin)), 405, "GET");
        assertError(call("GET", TRIGGER, Optional.of(admin)), 405, "POST");
        assertError(call("POST", "/api/schedules/nope/run", Optional.of(admin)), 404, "nope");
    }

    private static void assertError(HttpResponse<String> response, int status, String text) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("error").asText()).contains(text);
    }

    @Test
    void metricsArePrometheusTextWithJobAndDatabaseMeters() throws Exception {
        agent.checkHealth(agent.clock().instant());
        agent.trigger("health");
        agent.trigger("files");
        assertThat(agent.awaitIdle(Duration.ofSeconds(60))).isTrue();
        HttpResponse<String> response = call("GET", "/metrics", Optional.of(AgentFixture.VIEWER_TOKEN));
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(response.body())
                .contains("cairn_agent_job_runs_total{job=\"files\",outcome=\"succeeded\",run=\"backup files\"}")
                .contains("cairn_agent_job_duration_seconds_count{job=\"health\",outcome=\"succeeded\"}")
                .contains("cairn_agent_job_last_success{job=\"files\"}")
                .contains("cairn_agent_backup_bytes{job=\"files\"}")
                .contains("cairn_agent_backup_added_bytes{job=\"files\"}")
                .contains("cairn_agent_backup_dedup_ratio{job=\"files\"}")
                .contains("cairn_agent_repository_bytes")
                .contains("cairn_agent_alerts_open")
                .contains("cairn_db_health{")
                .contains("cairn_db_pool_active{")
                .contains("cairn_db_query_latency_seconds{")
                .contains("cairn_agent_db_health_latency_seconds{db=\"main\",quantile=\"0.99\"}");
    }

    @Test
    void dashboardFilesNeedNoTokenAndCarryNoData() throws Exception {
        HttpResponse<String> page = call("GET", "/", Optional.empty());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Cairn agent</title>").contains("dashboard.js");
        HttpResponse<String> script = call("GET", "/dashboard.js", Optional.empty());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
    }
}
