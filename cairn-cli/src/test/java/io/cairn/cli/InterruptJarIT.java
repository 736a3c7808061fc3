package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cairn.testkit.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in the middle of {@code cairn pg backup}, on the shaded jar as users run it (issue 12,
 * item 6): exit 130, one {@code cairn: …} line on stderr, no lock left in the repository, and the
 * next backup says it reused the packs the interrupted one had written.
 */
class InterruptJarIT {
    private static final Path JAR = Path.of("target", "cairn.jar");

    @RegisterExtension
    static final PostgresExtension postgres = PostgresExtension.create();

    @TempDir
    Path dir;

    @Test
    void sigintDuringPgBackupSaysSoReleasesTheLockAndTheNextBackupReusesThePacks() throws Exception {
        Path repo = dir.resolve("repo");
        Path config = config(repo);
        assertThat(CliRun.of("repo", "init", "--config", config.toString()).exitCode()).isZero();
        // enough data that the backup is still copying after its first packs are durable
        execute("CREATE TABLE IF NOT EXISTS filler(id int, body text)",
                "INSERT INTO filler SELECT g, md5(g::text) || md5((g * 7)::text) || md5((g * 13)::text) || md5((g * 31)::text)"
                        + " FROM generate_series(1, 1500000) g",
                "CHECKPOINT");

        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process backup = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString(), "pg", "backup", "--db", "main", "--config", config.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            awaitFirstPack(repo, backup);
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(backup.pid())).inheritIO().start();
            assertThat(kill.waitFor()).isZero();
            assertThat(backup.waitFor(2, TimeUnit.MINUTES)).as("cairn ended after SIGINT").isTrue();
        } finally {
            backup.destroyForcibly();
        }

        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(backup.exitValue()).as(stderr).isEqualTo(130);
        assertThat(stderr.lines().toList())
                .containsExactly("cairn: interrupted; nothing was saved (the next backup reuses what was written)");
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).doesNotContain("complete");

        CliRun locks = CliRun.of("repo", "locks", "--json", "--config", config.toString());
        assertThat(locks.exitCode()).as(locks.err()).isZero();
        assertThat(new ObjectMapper().readTree(locks.out())).as(locks.out()).isEmpty();

        CliRun next = CliRun.of("pg", "backup", "--db", "main", "--config", config.toString());
        assertThat(next.exitCode()).as(next.err()).isZero();
        assertThat(next.out().lines().findFirst().orElseThrow()).contains("complete; reused ")
                .endsWith("left by an interrupted backup");
    }

    @Test
    void sigintStopsWalStreamingWithItsFinalStatusThroughTheSameHook() throws Exception {
        Path repo = dir.resolve("repo");
        Path config = config(repo);
        assertThat(CliRun.of("repo", "init", "--config", config.toString()).exitCode()).isZero();
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process stream = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString(), "pg", "wal", "stream", "--db", "main", "--config", config.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            while (!Files.readString(out, StandardCharsets.UTF_8).contains("streaming WAL of 'main'")) {
                assertThat(stream.isAlive()).as(Files.readString(err, StandardCharsets.UTF_8)).isTrue();
                Thread.sleep(20); // polling for the line, not waiting for time to pass
            }
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(stream.pid())).inheritIO().start();
            assertThat(kill.waitFor()).isZero();
            assertThat(stream.waitFor(2, TimeUnit.MINUTES)).as("cairn ended after SIGINT").isTrue();
        } finally {
            stream.destroyForcibly();
        }

        assertThat(stream.exitValue()).isEqualTo(130);
        assertThat(Files.readString(err, StandardCharsets.UTF_8)).isEmpty();
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains("stopped;");
        CliRun locks = CliRun.of("repo", "locks", "--json", "--config", config.toString());
        assertThat(new ObjectMapper().readTree(locks.out())).as(locks.out()).isEmpty();
    }

    private Path config(Path repo) throws IOException {
        Path secret = Files.writeString(dir.resolve("pg.secret"), postgres.password() + "\n");
        Path passphrase = Files.writeString(dir.resolve("repo.secret"), "interrupt test passphrase\n");
        return Files.writeString(dir.resolve("cairn.yaml"), """
                databases:
                  main: { type: postgresql, url: "%s", password: "${file:%s}" }
                repository: { url: "%s", password-file: "%s" }
                """.formatted(postgres.cairnUrl(), secret, repo, passphrase));
    }

    /** Waits until the running backup has stored a pack (a file under data/), or fails if it ended first. */
    private static void awaitFirstPack(Path repo, Process backup) throws IOException, InterruptedException {
        Path data = repo.resolve("data");
        while (packs(data).isEmpty()) {
            assertThat(backup.isAlive()).as("the backup is still running when its first pack is stored").isTrue();
            Thread.sleep(20); // polling the file system for a state change, not waiting for time to pass
        }
    }

    private static List<Path> packs(Path data) throws IOException {
        if (!Files.isDirectory(data)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(data)) {
            return files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().matches("[0-9a-f]{64}")).toList();
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
