package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cairn.testkit.MariaDbExtension;
import io.cairn.testkit.MongoExtension;
import io.cairn.testkit.PostgresExtension;
import io.cairn.testkit.RedisExtension;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn status} against four real servers: all up, then one killed (down within its
 * timeout, exit 1), then restarted (up again). Passwords come through ${file:…} references.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatusCommandTest {

    @RegisterExtension
    static final PostgresExtension postgres = PostgresExtension.create();
    @RegisterExtension
    static final MariaDbExtension mariadb = MariaDbExtension.create();
    @RegisterExtension
    static final RedisExtension redis = RedisExtension.create();
    @RegisterExtension
    static final MongoExtension mongo = MongoExtension.create();

    @TempDir
    static Path dir;

    private static Path config() throws IOException {
        Path pgSecret = Files.writeString(dir.resolve("pg.secret"), postgres.password() + "\n");
        Path mariaSecret = Files.writeString(dir.resolve("maria.secret"), mariadb.password() + "\n");
        return Files.writeString(dir.resolve("cairn.yaml"), """
                databases:
                  main:   { type: postgresql, url: "%s", password: "${file:%s}", pool: { max: 5 }, connect-timeout: 5s }
                  legacy: { type: mariadb,    url: "%s", password: "${file:%s}", connect-timeout: 5s }
                  cache:  { type: redis,      url: "%s", connect-timeout: 5s }
                  docs:   { type: mongodb,    url: "%s", connect-timeout: 5s }
                """.formatted(postgres.cairnUrl(), pgSecret, mariadb.cairnUrl(), mariaSecret,
                redis.cairnUrl(), mongo.cairnUrl()));
    }

    @Test
    @Order(1)
    void allFourUpAsJson() throws IOException {
        CliRun run = CliRun.of("status", "--json", "--config", config().toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.get("overall").asText()).isEqualTo("UP");
        assertThat(report.get("databases")).hasSize(4);
        for (JsonNode db : report.get("databases")) {
            assertThat(db.get("status").asText()).as(db.toString()).isEqualTo("UP");
            assertThat(db.get("serverVersion").asText()).isNotBlank();
        }
        assertThat(run.out()).doesNotContain(postgres.password()).doesNotContain(mariadb.password());
    }

    @Test
    @Order(2)
    void humanTableShowsEveryDatabase() throws IOException {
        CliRun run = CliRun.of("status", "--config", config().toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("DATABASE").contains("main").contains("legacy").contains("cache").contains("docs");
    }

    @Test
    @Order(3)
    void killedServerIsReportedDownThenUpAfterRestart() throws IOException {
        Path config = config();
        redis.kill();
        try {
            CliRun down = CliRun.of("status", "--json", "--config", config.toString());
            assertThat(down.exitCode()).isEqualTo(1);
            JsonNode report = new ObjectMapper().readTree(down.out());
            assertThat(report.get("overall").asText()).isEqualTo("DOWN");
            JsonNode cache = report.get("databases").get(2);
            assertThat(cache.get("id").asText()).isEqualTo("cache");
            assertThat(cache.get("status").asText()).isEqualTo("DOWN");
            assertThat(cache.get("error").asText()).contains(String.valueOf(redis.port()));
            assertThat(report.get("databases").get(0).get("status").asText()).isEqualTo("UP");
        } finally {
            redis.start();
        }
        CliRun up = CliRun.of("status", "--config", config.toString());
        assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
    }

    @Test
    @Order(4)
    void wrongPasswordIsDownWithoutLeakingIt() throws IOException {
        Path config = Files.writeString(dir.resolve("wrong.yaml"), """
                databases:
                  main: { type: postgresql, url: "%s", password: "${PGPASSWORD_FOR_TEST:-not-the-password}" }
                """.formatted(postgres.cairnUrl()));
        CliRun run = CliRun.of("status", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("DOWN").containsIgnoringCase("password authentication failed")
                .doesNotContain("not-the-password");
    }
}
