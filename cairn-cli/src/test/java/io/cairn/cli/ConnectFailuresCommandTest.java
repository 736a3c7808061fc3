package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.testkit.PostgresExtension;
import io.cairn.testkit.net.ClosedPort;
import io.cairn.testkit.net.FullBacklogListener;
import io.cairn.testkit.net.SilentListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn migrate}, {@code cairn dump} and {@code cairn status} against servers that cannot
 * be reached (issue 12, items 2 to 4), run through the real command objects: a listener that
 * accepts and never answers, a full backlog (SYNs dropped, like a blackholed address), a closed
 * port, and a real PostgreSQL with a wrong password whose log counts the failed logins. Each
 * failure is the one line status gives ("cannot connect to HOST:PORT: ..."), never pool exhaustion;
 * a server that does not answer costs about one connect-timeout, a refused connect the retry
 * backoff, a wrong password one login. Bounds are relative to the configured connect-timeout, with
 * slack for a loaded machine, on top of what the same command costs when its connect fails at once
 * (a refused port, one attempt): a dump first opens the repository (key derivation) and probes
 * pg_dump, which has nothing to do with connecting.
 */
class ConnectFailuresCommandTest {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** A connect that gets no answer: one connect-timeout, not one per retry, plus slack. */
    private static final Duration NO_ANSWER_BOUND = CONNECT_TIMEOUT.multipliedBy(2).plusSeconds(2);
    /** Refused three times (retry.attempts default): the waits between (0.2s + 0.4s at most), plus slack. */
    private static final Duration REFUSED_BOUND = CONNECT_TIMEOUT.plusMillis(600).plusSeconds(2);
    /** A status check ends at connect-timeout plus its 0.5s grace; slack for the run around it. */
    private static final Duration STATUS_BOUND = CONNECT_TIMEOUT.plusMillis(500).plusSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final PostgresExtension postgres = PostgresExtension.builder().setting("log_connections", "on").build();

    @TempDir
    static Path dir;
    static Path config;
    static SilentListener silent;
    static FullBacklogListener full;
    static int refused;

    @BeforeAll
    static void setUp() throws IOException {
        silent = new SilentListener();
        full = new FullBacklogListener();
        refused = ClosedPort.find();
        Path repoSecret = Files.writeString(dir.resolve("repo.secret"), "connect failures test passphrase\n");
        String settings = "connect-timeout: " + CONNECT_TIMEOUT.toSeconds() + "s";
        config = Files.writeString(dir.resolve("cairn.yaml"), """
                repository: { url: "%s", password: "${file:%s}" }
                databases:
                  silent:   { type: postgresql, url: "postgresql://app@127.0.0.1:%d/app", password: "pw", %s }
                  full:     { type: postgresql, url: "postgresql://app@127.0.0.1:%d/app", password: "pw", %s }
                  refused:  { type: postgresql, url: "postgresql://app@127.0.0.1:%d/app", password: "pw", %s }
                  refused-once: { type: postgresql, url: "postgresql://app@127.0.0.1:%d/app", password: "pw", %s, retry: { attempts: 1 } }
                  wrong-pw: { type: postgresql, url: "%s", password: "not-the-password", %s }
                migrations:
                  location: db
                """.formatted(dir.resolve("repo"), repoSecret, silent.port(), settings, full.port(), settings,
                refused, settings, refused, settings, postgres.cairnUrl(), settings));
        for (String db : List.of("silent", "full", "refused", "refused-once", "wrong-pw")) {
            Files.createDirectories(dir.resolve("db").resolve(db));
            Files.writeString(dir.resolve("db").resolve(db).resolve("V1__items.sql"), "CREATE TABLE items (id int);\n");
        }
        CliRun init = cairn("repo", "init");
        assertThat(init.exitCode()).as(init.err()).isZero();
    }

    @AfterAll
    static void tearDown() {
        silent.close();
        full.close();
    }

    @Test
    void aServerThatNeverAnswersIsCannotConnectWithinTheConnectTimeout() {
        for (String db : List.of("silent", "full")) {
            int port = db.equals("silent") ? silent.port() : full.port();
            for (String command : List.of("migrate", "dump")) {
                Duration before = baseline(command);
                Timed run = timed(command, "--db", db);

                assertThat(run.cli.exitCode()).as(run.describe()).isEqualTo(3);
                assertThat(run.cli.err().strip()).as(run.describe()).isEqualTo("cairn: database '" + db
                        + "': cannot connect to 127.0.0.1:" + port + ": no answer within 2s (connect timeout 2s; "
                        + "is the server running and is url: in " + config + " right?)");
                assertTookAtMost(before, run, NO_ANSWER_BOUND);
            }
        }
    }

    @Test
    void aRefusedConnectFailsWithinTheRetryBackoff() {
        for (String command : List.of("migrate", "dump")) {
            Duration before = baseline(command);
            Timed run = timed(command, "--db", "refused");

            assertThat(run.cli.exitCode()).as(run.describe()).isEqualTo(3);
            assertThat(run.cli.err().strip()).as(run.describe()).isEqualTo("cairn: database 'refused': cannot connect to "
                    + "127.0.0.1:" + refused + ": connection refused (gave up after 3 attempts, connect timeout 2s; "
                    + "is the server running and is url: in " + config + " right?)");
            assertTookAtMost(before, run, REFUSED_BOUND);
        }
    }

    @Test
    void aWrongPasswordIsOneLoginAndExitsAtOnce() throws IOException {
        for (String command : List.of("migrate", "dump")) {
            Duration overhead = baseline(command);
            long before = failedLogins();
            Timed run = timed(command, "--db", "wrong-pw");

            assertThat(run.cli.exitCode()).as(run.describe()).isEqualTo(4);
            assertThat(run.cli.err().strip()).as(run.describe()).startsWith("cairn: database 'wrong-pw': password "
                    + "authentication failed for user '" + postgres.user() + "'").doesNotContain("not-the-password");
            assertThat(failedLogins() - before).as(command + ": failed logins in the server log").isEqualTo(1);
            assertTookAtMost(overhead, run, CONNECT_TIMEOUT);
        }
    }

    @Test
    void statusIsBoundedByTheConnectTimeoutWithOneMessageShape() throws IOException {
        Path statusConfig = Files.writeString(dir.resolve("status.yaml"), """
                databases:
                  main:   { type: postgresql, url: "postgresql://app@127.0.0.1:%1$d/app", password: "pw", %2$s }
                  legacy: { type: mariadb,    url: "mariadb://app@127.0.0.1:%1$d/app",    password: "pw", %2$s }
                  cache:  { type: redis,      url: "redis://127.0.0.1:%1$d/0",            %2$s }
                  docs:   { type: mongodb,    url: "mongodb://127.0.0.1:%1$d/docs",       %2$s }
                """.formatted(full.port(), "connect-timeout: " + CONNECT_TIMEOUT.toSeconds() + "s"));
        // the first run in this JVM also loads picocli, Jackson and four drivers: not what is measured
        CliRun.of("status", "--config", statusConfig.toString());
        long start = System.nanoTime();
        CliRun run = CliRun.of("status", "--json", "--config", statusConfig.toString());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("cairn status: exit %d after %d ms%n", run.exitCode(), took.toMillis());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(took).as(run.out()).isLessThan(STATUS_BOUND);
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("databases")).hasSize(4).allSatisfy(db -> {
            assertThat(db.get("status").asText()).as(db.toString()).isEqualTo("DOWN");
            assertThat(db.get("error").asText()).as(db.toString()).isEqualTo("cannot connect to 127.0.0.1:"
                    + full.port() + ": no answer within 2s (connect timeout 2s; is the server running and is url: "
                    + "in " + statusConfig + " right?)");
            assertThat(db.get("latencyMs").asLong()).as(db.toString())
                    .isLessThan(CONNECT_TIMEOUT.plusMillis(500).plusMillis(250).toMillis());
        });
    }

    /** What {@code command} costs when its connect fails at once, with no retry: all but the connect. */
    private static Duration baseline(String command) {
        Timed run = timed(command, "--db", "refused-once");
        assertThat(run.cli.exitCode()).as(run.describe()).isEqualTo(3);
        return run.took;
    }

    /** {@code run} took less than {@code bound} more than the same command failing at once, measured before and after. */
    private static void assertTookAtMost(Duration before, Timed run, Duration bound) {
        Duration after = baseline(run.command.split(" ")[0]);
        Duration overhead = before.compareTo(after) >= 0 ? before : after;
        assertThat(run.took).as(run.describe() + " (the command alone: " + overhead.toMillis() + " ms)")
                .isLessThan(overhead.plus(bound));
    }

    private record Timed(CliRun cli, Duration took, String command) {
        String describe() {
            return command + " took " + took.toMillis() + " ms: " + cli.out() + cli.err();
        }
    }

    private static Timed timed(String... args) {
        long start = System.nanoTime();
        CliRun run = cairn(args);
        Timed timed = new Timed(run, Duration.ofNanos(System.nanoTime() - start), String.join(" ", args));
        // the measured times, for comparing runs on one machine (the assertions only hold bounds)
        System.out.printf("cairn %s: exit %d after %d ms%n", timed.command, run.exitCode(), timed.took.toMillis());
        return timed;
    }

    private static CliRun cairn(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config");
        all.add(config.toString());
        return CliRun.of(all.toArray(String[]::new));
    }

    /** "FATAL:  password authentication failed" lines in the server's log so far. */
    private static long failedLogins() throws IOException {
        try (var lines = Files.lines(postgres.directory().resolve("postgres.log"))) {
            return lines.filter(line -> line.contains("FATAL") && line.contains("password authentication failed")).count();
        }
    }
}
