package io.cairn.cli.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cairn.cli.CliRun;
import io.cairn.testkit.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn pg backup|backups|restore} end to end on a real PostgreSQL, as a user runs them. */
class PgCommandsTest {

    @RegisterExtension
    static final PostgresExtension postgres = PostgresExtension.create();

    @TempDir
    Path dir;

    private CliRun cairn(Path config, String... args) {
        return CliRun.of(Stream.concat(Stream.of(args), Stream.of("--config", config.toString())).toArray(String[]::new));
    }

    private Path config() throws IOException {
        Path secret = Files.writeString(dir.resolve("pg.secret"), postgres.password() + "\n");
        Path passphrase = Files.writeString(dir.resolve("repo.secret"), "pg cli test passphrase\n");
        return Files.writeString(dir.resolve("cairn.yaml"), """
                databases:
                  main: { type: postgresql, url: "%s", password: "${file:%s}" }
                repository: { url: "%s", password-file: "%s" }
                """.formatted(postgres.cairnUrl(), secret, dir.resolve("repo"), passphrase));
    }

    @Test
    void backupListRestoreAndStart() throws Exception {
        Path config = config();
        assertThat(cairn(config, "repo", "init").exitCode()).isZero();
        execute("CREATE TABLE IF NOT EXISTS notes(id int PRIMARY KEY, body text)",
                "INSERT INTO notes SELECT g, 'note ' || g FROM generate_series(1, 500) g");

        CliRun backup = cairn(config, "pg", "backup", "--db", "main", "--type", "full");
        assertThat(backup.exitCode()).as(backup.out() + backup.err()).isZero();
        assertThat(backup.out()).contains("full backup").contains("complete");

        CliRun list = cairn(config, "pg", "backups", "--db", "main", "--json");
        assertThat(list.exitCode()).as(list.err()).isZero();
        JsonNode backups = new ObjectMapper().readTree(list.out()).get("backups");
        assertThat(backups).hasSize(1);

        // the restored server runs as an unprivileged user when the tests run as root: its directory's
        // parents must be traversable by that user, which JUnit's private @TempDir is not
        Path scratch = Files.createTempDirectory(Path.of("/tmp"), "cairn-pg-cli-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path target = scratch.resolve("restored");
        try {
            restoreAndStart(config, target);
        } finally {
            deleteTree(scratch);
        }
    }

    private void restoreAndStart(Path config, Path target) {
        CliRun restore = cairn(config, "pg", "restore", "--db", "main", "--to", target.toString(), "--immediate",
                "--start", "--verify");
        assertThat(restore.exitCode()).as(restore.out() + restore.err()).isZero();
        assertThat(restore.out()).contains("restored backup").contains("recovery ended at LSN");
    }

    @Test
    void restoreIntoNonEmptyDirectoryIsRefused() throws Exception {
        Path config = config();
        assertThat(cairn(config, "repo", "init").exitCode()).isZero();
        assertThat(cairn(config, "pg", "backup", "--db", "main").exitCode()).isZero();
        Path target = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(target.resolve("precious.txt"), "keep me");

        CliRun restore = cairn(config, "pg", "restore", "--db", "main", "--to", target.toString());
        assertThat(restore.exitCode()).isEqualTo(11);
        assertThat(restore.err()).contains(target.toString()).contains("not empty");
        assertThat(target.resolve("precious.txt")).hasContent("keep me");
    }

    @Test
    void unknownDatabaseIsNamed() throws Exception {
        CliRun run = cairn(config(), "pg", "backups", "--db", "nope");
        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.err()).contains("nope").contains("main");
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
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
