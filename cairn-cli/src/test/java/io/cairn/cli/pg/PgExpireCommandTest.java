package io.cairn.cli.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cairn.cli.CliRun;
import io.cairn.testkit.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn pg expire} end to end: policy from options or from the config, dry run, JSON, the usage error. */
class PgExpireCommandTest {

    @RegisterExtension
    static final PostgresExtension postgres = PostgresExtension.create();

    @TempDir
    Path dir;

    private CliRun cairn(Path config, String... args) {
        return CliRun.of(Stream.concat(Stream.of(args), Stream.of("--config", config.toString())).toArray(String[]::new));
    }

    private Path config(String name, String extra) throws IOException {
        Path secret = Files.writeString(dir.resolve("pg.secret"), postgres.password() + "\n");
        Path passphrase = Files.writeString(dir.resolve("repo.secret"), "pg expire test passphrase\n");
        return Files.writeString(dir.resolve(name), """
                databases:
                  main: { type: postgresql, url: "%s", password: "${file:%s}" }
                repository: { url: "%s", password-file: "%s" }
                """.formatted(postgres.cairnUrl(), secret, dir.resolve("repo"), passphrase) + extra);
    }

    @Test
    void expireByOptionsAndByConfig() throws Exception {
        Path config = config("cairn.yaml", "");
        Path withRetention = config("cairn-retention.yaml", "retention: { keep-last: 1, zone: UTC }\n");
        assertThat(cairn(config, "repo", "init").exitCode()).isZero();

        CliRun noPolicy = cairn(config, "pg", "expire", "--db", "main");
        assertThat(noPolicy.exitCode()).isEqualTo(2);
        assertThat(noPolicy.err()).contains("--keep-last").contains("retention:");

        CliRun empty = cairn(config, "pg", "expire", "--db", "main", "--keep-last", "1");
        assertThat(empty.exitCode()).as(empty.err()).isZero();
        assertThat(empty.out()).contains("no backups").contains("nothing was removed");

        execute("CREATE TABLE IF NOT EXISTS notes(id int PRIMARY KEY, body text)",
                "INSERT INTO notes SELECT g, 'note ' || g FROM generate_series(1, 500) g");
        assertThat(cairn(config, "pg", "backup", "--db", "main").exitCode()).isZero();
        execute("INSERT INTO notes SELECT g, 'more ' || g FROM generate_series(501, 600) g");
        assertThat(cairn(config, "pg", "backup", "--db", "main", "--type", "incr").exitCode()).isZero();

        CliRun dry = cairn(config, "pg", "expire", "--db", "main", "--keep-last", "1", "--dry-run");
        assertThat(dry.exitCode()).as(dry.out() + dry.err()).isZero();
        assertThat(dry.out()).contains("dry run").contains("would remove 1 base backup(s)").contains("keep");
        System.out.println("[pg expire --dry-run]\n" + dry.out());

        CliRun expire = cairn(config, "pg", "expire", "--db", "main", "--keep-last", "1");
        assertThat(expire.exitCode()).as(expire.out() + expire.err()).isZero();
        assertThat(expire.out()).contains("keep 1, removed 1 base backup(s)").contains("pruned:");
        System.out.println("[pg expire --keep-last 1]\n" + expire.out());

        CliRun json = cairn(withRetention, "pg", "expire", "--db", "main", "--json");
        assertThat(json.exitCode()).as(json.out() + json.err()).isZero();
        JsonNode result = new ObjectMapper().readTree(json.out());
        assertThat(result.get("removed")).isEmpty();
        assertThat(result.get("kept")).hasSize(1);
        assertThat(result.get("kept").get(0).get("type").asText()).isEqualTo("incr");
        assertThat(result.get("kept").get(0).get("reasons").get(0).asText()).isEqualTo("last backup");
        assertThat(result.get("pruned").asBoolean()).isFalse();
        System.out.println("[pg expire --json]\n" + json.out());

        CliRun byConfig = cairn(withRetention, "pg", "expire", "--db", "main");
        assertThat(byConfig.exitCode()).as(byConfig.out() + byConfig.err()).isZero();
        assertThat(byConfig.out()).contains("keep-last 1").contains("keep 1, removed 0 base backup(s)")
                .contains("restore window now starts at");

        CliRun list = cairn(config, "pg", "backups", "--db", "main", "--json");
        assertThat(new ObjectMapper().readTree(list.out()).get("backups")).hasSize(1);
    }

    @Test
    void invalidRetentionSectionIsAConfigError() throws Exception {
        Path config = config("cairn.yaml", "retention: { keep-lats: 3 }\n");
        CliRun run = cairn(config, "pg", "expire", "--db", "main");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("keep-lats").contains("keep-last");
    }

    private static void execute(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
