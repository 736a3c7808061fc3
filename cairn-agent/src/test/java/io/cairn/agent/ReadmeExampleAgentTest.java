package io.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.backup.RecoveryTarget;
import io.cairn.backup.postgres.PostgresBackups;
import io.cairn.backup.postgres.RestoreRequest;
import io.cairn.core.DataManager;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.Environment;
import io.cairn.repository.InitOptions;
import io.cairn.repository.KeyDerivation;
import io.cairn.repository.Passphrase;
import io.cairn.repository.Repository;
import io.cairn.repository.RepositoryLocation;
import io.cairn.testkit.Await;
import io.cairn.testkit.PostgresExtension;
import io.cairn.testkit.RestoredPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when": an agent started from the README's example config (the block after
 * {@code <!-- agent-example -->}, with the test server's address, temp paths and a free port swapped
 * in) streams WAL and takes the scheduled base backup of a real PostgreSQL; the operator sees the
 * database restorable to any point on /api/restore-points, on /metrics and on the dashboard
 * (headless Chromium); and a restore to a time between two batches of rows has exactly the first.
 */
class ReadmeExampleAgentTest {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.builder().database("shop").build();

    private static final String PASSPHRASE = "readme-repository-passphrase";
    private static final String ADMIN = "readme-admin-token-0123456789";
    private static final String VIEWER = "readme-viewer-token-9876543210";

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private String base;

    @Test
    void keepsPostgresRestorableToAnyPointAndShowsIt() throws Exception {
        // traversable only: as root, the restored server runs as an unprivileged user
        Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        prepareDatabases();
        Path repository = temp.resolve("backups");
        try (Repository ignored = Repository.init(RepositoryLocation.parse(repository.toString()).open(),
                Passphrase.of(PASSPHRASE), InitOptions.defaults().withKeyDerivation(KeyDerivation.argon2id(1024, 1, 1)))) {
            // created as `cairn repo init` would
        }
        CairnConfig config = readmeConfig(repository);
        Instant between;
        try (Agent agent = Agent.builder(config).start()) {
            base = "http://127.0.0.1:" + agent.address().orElseThrow().getPort();
            Await.until(Duration.ofMinutes(2), "WAL streaming to connect (state: /api/wal)", () -> get("/api/wal", VIEWER),
                    wal -> wal.path("streams").get(0).path("connected").asBoolean());

            assertThat(post("/api/schedules/nightly-full/run", ADMIN).statusCode()).isEqualTo(202);
            assertThat(agent.awaitIdle(Duration.ofMinutes(3))).isTrue();
            JsonNode run = get("/api/runs?job=nightly-full", VIEWER).path("runs").get(0);
            assertThat(run.path("outcome").asText()).as(run.toString()).isEqualTo("succeeded");

            insertOrders(1, 100);
            between = Instant.now();
            insertOrders(101, 200);
            Instant afterLastCommit = Instant.now();

            // the window reaches past the last commit once its WAL is in the repository
            Await.until(Duration.ofMinutes(2), "the restore window to reach past " + afterLastCommit + " (state: main's restore points)",
                    () -> get("/api/restore-points?db=main", VIEWER).path("databases").get(0),
                    main -> main.path("pointInTime").asBoolean() && !main.path("newest").isNull()
                            && Instant.parse(main.path("newest").asText()).isAfter(afterLastCommit));
            JsonNode main = get("/api/restore-points?db=main", VIEWER).path("databases").get(0);
            assertThat(main.path("ranges")).hasSize(1);
            assertThat(Instant.parse(main.path("oldest").asText())).isBefore(between);
            assertThat(main.path("points").get(0).path("kind").asText()).isEqualTo("pg-backup");
            JsonNode backups = get("/api/backups?db=main", VIEWER).path("databases").get(0);
            assertThat(backups.path("baseBackups")).hasSize(1);
            assertThat(backups.path("baseBackups").get(0).path("type").asText()).isEqualTo("full");
            assertThat(backups.path("wal")).hasSize(1);

            String metrics = call("GET", "/metrics", VIEWER).body();
            // printed for docs/agent.md, which shows these responses
            System.out.println("[readme] /api/restore-points?db=main\n" + call("GET", "/api/restore-points?db=main", VIEWER).body());
            System.out.println("[readme] /api/wal\n" + call("GET", "/api/wal", VIEWER).body());
            System.out.println("[readme] /api/backups?db=main\n" + call("GET", "/api/backups?db=main", VIEWER).body());
            System.out.println("[readme] /api/runs?job=nightly-full\n" + call("GET", "/api/runs?job=nightly-full", VIEWER).body());
            metrics.lines().filter(line -> line.startsWith("cairn_agent_wal") || line.startsWith("cairn_agent_restore")
                    || line.startsWith("cairn_agent_backup") || line.startsWith("cairn_agent_job_last"))
                    .forEach(line -> System.out.println("[readme] " + line));
            assertThat(metrics).contains("cairn_agent_wal_lag_seconds{db=\"main\"}")
                    .contains("cairn_agent_wal_streaming{db=\"main\"} 1.0")
                    .contains("cairn_agent_restore_window_oldest{db=\"main\"}")
                    .contains("cairn_agent_restore_window_newest{db=\"main\"}")
                    .contains("cairn_agent_job_last_success{job=\"nightly-full\"}")
                    .contains("cairn_agent_backup_bytes{job=\"nightly-full\"}")
                    .contains("cairn_db_health{");
            assertThat(gauge(metrics, "cairn_agent_restore_window_newest{db=\"main\"}"))
                    .isGreaterThan(afterLastCommit.toEpochMilli() / 1000.0);
            assertThat(agent.openAlerts()).extracting(Alert::key).noneMatch(key -> key.startsWith("wal-"));

            seeItOnTheDashboard();
        }
        assertRestoreHasRows(config, RecoveryTarget.time(between), 100);
        assertRestoreHasRows(config, RecoveryTarget.latest(), 200);
    }

    /** The README's block, made to point at the test server, temp paths and a free port. */
    private CairnConfig readmeConfig(Path repository) throws Exception {
        String readme = Files.readString(findReadme());
        Matcher block = Pattern.compile("<!-- agent-example -->\\s*```yaml\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).as("README.md has an agent example block").isTrue();
        Path secrets = Files.createDirectories(temp.resolve("secrets"));
        Files.writeString(secrets.resolve("pg-cairn"), pg.password());
        Files.writeString(secrets.resolve("cairn-repository"), PASSPHRASE);
        Files.writeString(secrets.resolve("cairn-admin"), ADMIN);
        String yaml = block.group(1)
                .replace("cairn@127.0.0.1:5432", pg.user() + "@127.0.0.1:" + pg.port())
                .replace("/run/secrets/", secrets + "/")
                .replace("/var/backups/cairn", repository.toString())
                .replace("listen: 127.0.0.1:7070", "listen: 127.0.0.1:0\n  check-every: 2s");
        Path file = temp.resolve("cairn.yaml");
        Files.writeString(file, yaml);
        return CairnConfig.load(file, Environment.of(Map.of("CAIRN_VIEWER_TOKEN", VIEWER)));
    }

    private static Path findReadme() {
        Path directory = Path.of("").toAbsolutePath();
        while (!Files.exists(directory.resolve("README.md")) || !Files.exists(directory.resolve("cairn-agent"))) {
            directory = directory.getParent();
        }
        return directory.resolve("README.md");
    }

    private void prepareDatabases() throws Exception {
        try (Connection shop = DriverManager.getConnection(pg.jdbcUrl("shop"), pg.user(), pg.password());
                Statement statement = shop.createStatement()) {
            statement.execute("CREATE DATABASE legacy");
            statement.execute("CREATE TABLE orders (id int PRIMARY KEY, placed timestamptz DEFAULT now())");
        }
    }

    private static void insertOrders(int first, int last) throws Exception {
        try (Connection shop = DriverManager.getConnection(pg.jdbcUrl("shop"), pg.user(), pg.password());
                Statement statement = shop.createStatement()) {
            statement.execute("INSERT INTO orders (id) SELECT generate_series(" + first + ", " + last + ")");
        }
    }

    private void seeItOnTheDashboard() throws Exception {
        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.navigate(base + "/");
            browser.waitFor("document.readyState === 'complete' && !!document.getElementById('login-form')",
                    Duration.ofSeconds(30));
            browser.evaluate("document.getElementById('token').value = '" + VIEWER + "';"
                    + " document.getElementById('login-button').click(); true");
            String row = "document.querySelector('tr.restore-window[data-db=\"main\"]')";
            String shown = "!!" + row + " && " + row + ".textContent.includes('yes')"
                    + " && " + row + ".textContent.includes('streaming')"
                    + " && " + row + ".querySelectorAll('.range').length === 1";
            Await.until(Duration.ofSeconds(30), "main's restore window on the dashboard (state: the windows table)",
                    () -> browser.evaluate("(" + shown + ") ? 'shown' : document.getElementById('windows').outerHTML").asText(),
                    "shown"::equals);
        }
    }

    private void assertRestoreHasRows(CairnConfig config, RecoveryTarget target, int rows) throws Exception {
        Path directory = temp.resolve("restore-" + rows);
        try (DataManager dataManager = DataManager.open(config);
                Repository repository = Repository.open(RepositoryLocation.parse(temp.resolve("backups").toString()).open(),
                        Passphrase.of(PASSPHRASE))) {
            new PostgresBackups(dataManager, repository).restore("main", RestoreRequest.to(directory).withTarget(target)
                    .withBinaries(pg.binaries().binDirectory()).withStart());
        }
        try (RestoredPostgres restored = RestoredPostgres.start(directory, pg);
                Connection connection = restored.connect("shop");
                Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*), coalesce(max(id), 0) FROM orders")) {
            count.next();
            assertThat(count.getInt(1)).as("rows restored to %s", target).isEqualTo(rows);
            assertThat(count.getInt(2)).isEqualTo(rows);
        }
    }

    private JsonNode get(String path, String token) throws Exception {
        HttpResponse<String> response = call("GET", path, token);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> post(String path, String token) throws Exception {
        return call("POST", path, token);
    }

    private HttpResponse<String> call(String method, String path, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static double gauge(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series + " ")).map(line -> line.substring(series.length() + 1))
                .mapToDouble(Double::parseDouble).findFirst().orElseThrow();
    }
}
