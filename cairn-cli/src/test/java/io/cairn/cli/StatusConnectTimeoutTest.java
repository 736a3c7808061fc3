package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.testkit.net.SilentListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn status} against four databases whose servers accept TCP connections and never
 * answer: every one is reported DOWN by its driver ("cannot connect ... no answer within 1s"), within
 * its connect-timeout plus a margin, and the command exits with UNHEALTHY's code (1), as status does
 * for any database down (a failed operation would exit 3, CONNECTION_FAILED).
 */
class StatusConnectTimeoutTest {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    /** Every check is bounded by connect-timeout plus 0.5s grace, first checks too; the margin is for a loaded machine. */
    private static final Duration MARGIN = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    @Test
    void silentServersAreDownWithinTheConnectTimeout() throws IOException {
        try (SilentListener pg = new SilentListener(); SilentListener maria = new SilentListener();
             SilentListener redis = new SilentListener(); SilentListener mongo = new SilentListener()) {
            Path config = Files.writeString(dir.resolve("cairn.yaml"), """
                    databases:
                      main:   { type: postgresql, url: "postgresql://app@127.0.0.1:%d/app", password: "pw", connect-timeout: 1s }
                      legacy: { type: mariadb,    url: "mariadb://app@127.0.0.1:%d/app",    password: "pw", connect-timeout: 1s }
                      cache:  { type: redis,      url: "redis://127.0.0.1:%d/0",            connect-timeout: 1s }
                      docs:   { type: mongodb,    url: "mongodb://127.0.0.1:%d/docs",       connect-timeout: 1s }
                    """.formatted(pg.port(), maria.port(), redis.port(), mongo.port()));

            // the first run in this JVM also loads picocli, Jackson and four drivers: not what is measured
            CliRun.of("status", "--config", config.toString());
            long start = System.nanoTime();
            CliRun run = CliRun.of("status", "--json", "--config", config.toString());
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).as(run.out() + run.err()).isLessThan(CONNECT_TIMEOUT.plus(MARGIN));
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
            JsonNode report = new ObjectMapper().readTree(run.out());
            assertThat(report.get("overall").asText()).isEqualTo("DOWN");
            assertThat(report.get("databases")).hasSize(4).allSatisfy(db -> {
                assertThat(db.get("status").asText()).as(db.toString()).isEqualTo("DOWN");
                // the driver's own verdict, not the health check abandoning a connect the driver left unbounded
                assertThat(db.get("error").asText()).as(db.toString()).startsWith("cannot connect to 127.0.0.1:")
                        .contains("no answer within 1s").doesNotContain("no free connection");
            });
        }
    }
}
