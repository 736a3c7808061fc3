package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.testkit.net.ClosedPort;
import io.cairn.testkit.net.FullBacklogListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn status} on the shaded jar with a database that is down (issue 12, item 7): the
 * table says so and stderr stays empty; the library's log line for it shows only with --verbose.
 */
class StatusOutputJarIT {
    private static final Path JAR = Path.of("target", "cairn.jar");

    @TempDir
    Path dir;

    private record Result(int exitCode, String out, String err) {
    }

    @Test
    void downDatabaseIsInTheTableAloneUnlessVerbose() throws Exception {
        Path config = Files.writeString(dir.resolve("cairn.yaml"), """
                databases:
                  main: { type: postgresql, url: "postgresql://app@127.0.0.1:%d/app", password: "not-used", connect-timeout: 2s }
                """.formatted(closedPort()));

        Result plain = cairn("status", "--config", config.toString());
        assertThat(plain.exitCode()).as(plain.err()).isEqualTo(1);
        assertThat(plain.out()).contains("main").contains("DOWN");
        assertThat(plain.err()).isEmpty();

        Result json = cairn("status", "--json", "--config", config.toString());
        assertThat(json.out()).contains("\"DOWN\"");
        assertThat(json.err()).isEmpty();

        Result verbose = cairn("status", "--verbose", "--config", config.toString());
        assertThat(verbose.exitCode()).isEqualTo(1);
        assertThat(verbose.err()).contains("database 'main' is DOWN");
    }

    @Test
    void aRedisConnectStillPendingAtExitLeavesStderrEmpty() throws Exception {
        // a full backlog drops the SYN: the Redis driver's connect is still pending when status ends,
        // and Netty used to log its shutdown as an ERROR with a stack trace
        try (FullBacklogListener redis = new FullBacklogListener()) {
            Path config = Files.writeString(dir.resolve("cairn.yaml"), """
                    databases:
                      cache: { type: redis, url: "redis://127.0.0.1:%d/0", connect-timeout: 1s }
                    """.formatted(redis.port()));

            Result plain = cairn("status", "--config", config.toString());
            assertThat(plain.exitCode()).as(plain.err()).isEqualTo(1);
            assertThat(plain.out()).contains("cache").contains("DOWN");
            assertThat(plain.err()).isEmpty();
        }
    }

    private static int closedPort() {
        return ClosedPort.find();
    }

    private static Result cairn(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("cairn-out", ".txt");
        Path err = Files.createTempFile("cairn-err", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("cairn " + String.join(" ", args) + " did not finish in 2 minutes");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
