package io.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.backup.BackupType;
import io.cairn.backup.RecoveryTarget;
import io.cairn.backup.postgres.Lsn;
import io.cairn.backup.postgres.PgBackupList;
import io.cairn.backup.postgres.PostgresBackups;
import io.cairn.backup.postgres.RestoreRequest;
import io.cairn.core.DataManager;
import io.cairn.core.config.CairnConfig;
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
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent streaming WAL is killed with -9 while rows are being written; more rows are written while
 * it is down; a new agent resumes streaming from the end of the archive: the archive is one gap-free
 * run, and a restore to the latest point has every committed row.
 */
class KilledAgentWalTest {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.create();

    @TempDir
    Path temp;

    @Test
    void restartedAgentResumesStreamingWithNoGap() throws Exception {
        Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        AgentFixture fixture = new AgentFixture(temp);
        PgSql.execute(pg, "CREATE TABLE ledger (id int PRIMARY KEY)");
        String yaml = "wal: { stream: [main] }\n";
        CairnConfig config = fixture.config(yaml, pg);
        try (DataManager dataManager = DataManager.open(config); Repository repository = openRepository(fixture)) {
            new PostgresBackups(dataManager, repository).backup("main", BackupType.FULL);
        }
        Path configFile = temp.resolve("cairn.yaml");
        Files.writeString(configFile, fixture.yaml(yaml, pg));
        Path marker = temp.resolve("port");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WalAgentProcessMain.class.getName(), configFile.toString(),
                marker.toString()).redirectErrorStream(true).redirectOutput(temp.resolve("child.log").toFile());
        builder.environment().put("CAIRN_PASSWORD", AgentFixture.PASSWORD);
        builder.environment().put("ADMIN_TOKEN", AgentFixture.ADMIN_TOKEN);
        builder.environment().put("VIEWER_TOKEN", AgentFixture.VIEWER_TOKEN);
        builder.environment().put("PG_PASSWORD", pg.password());
        Process child = builder.start();
        try {
            Await.until(Duration.ofMinutes(2), "the child agent to write its port or exit (state: done=child log)",
                    () -> Map.entry(Files.exists(marker) || !child.isAlive(), Files.readString(temp.resolve("child.log"))),
                    Map.Entry::getKey);
            assertThat(child.isAlive()).as("child log: %s", Files.readString(temp.resolve("child.log"))).isTrue();
            String port = Files.readString(marker);
            insert(1, 100);
            Lsn written = PgSql.currentLsn(pg);
            Await.until(Duration.ofMinutes(2), "the child agent to store WAL up to " + written, () -> durable(port),
                    durable -> durable.filter(d -> !d.isBefore(written)).isPresent());
            insert(101, 200);
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        insert(201, 300);
        Lsn last = PgSql.currentLsn(pg);

        try (Agent agent = Agent.builder(config).serve(false).start()) {
            Await.until(Duration.ofMinutes(2), "the restarted agent to store WAL up to " + last, agent::walStreams,
                    streams -> streams.get(0).durable().map(Lsn::parse).filter(d -> !d.isBefore(last)).isPresent());
        }
        try (DataManager dataManager = DataManager.open(config); Repository repository = openRepository(fixture)) {
            PostgresBackups backups = new PostgresBackups(dataManager, repository);
            PgBackupList list = backups.backups("main");
            assertThat(list.wal()).as("gap-free WAL runs: %s", list.wal()).hasSize(1);
            assertThat(list.wal().get(0).end()).isGreaterThanOrEqualTo(last);
            Path restored = temp.resolve("restored");
            backups.restore("main", RestoreRequest.to(restored).withTarget(RecoveryTarget.latest())
                    .withBinaries(pg.binaries().binDirectory()).withStart());
            try (RestoredPostgres copy = RestoredPostgres.start(restored, pg);
                    Connection connection = copy.connect(pg.database());
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT count(*), max(id) FROM ledger")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(300);
                assertThat(rows.getInt(2)).isEqualTo(300);
            }
        }
    }

    private static Repository openRepository(AgentFixture fixture) {
        return Repository.open(RepositoryLocation.parse(fixture.repository.toString()).open(),
                Passphrase.of(AgentFixture.PASSWORD));
    }

    private static Optional<Lsn> durable(String port) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/wal"))
                    .header("Authorization", "Bearer " + AgentFixture.VIEWER_TOKEN).timeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode durable = new ObjectMapper().readTree(response.body()).path("streams").get(0).path("durable");
            return durable.isTextual() ? Optional.of(Lsn.parse(durable.asText())) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static void insert(int first, int last) throws Exception {
        PgSql.execute(pg, "INSERT INTO ledger SELECT generate_series(" + first + ", " + last + ")");
    }

}
