package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket pg = silent(accepted); ServerSocket maria = silent(accepted); ServerSocket redis = silent(accepted);
             ServerSocket mongo = silent(accepted)) {
            Path config = Files.writeString(dir.resolve("cairn.yaml"), """
                    databases:
                      main:   { type: postgresql, url: "postgresql://app@127.0.0.1:%d/app", password: "pw", connect-timeout: 1s }
                      legacy: { type: mariadb,    url: "mariadb://app@127.0.0.1:%d/app",    password: "pw", connect-timeout: 1s }
                      cache:  { type: redis,      url: "redis://127.0.0.1:%d/0",            connect-timeout: 1s }
                      docs:   { type: mongodb,    url: "mongodb://127.0.0.1:%d/docs",       connect-timeout: 1s }
                    """.formatted(pg.getLocalPort(), maria.getLocalPort(), redis.getLocalPort(), mongo.getLocalPort()));

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
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    /** A loopback listener on a free port that accepts and never says a word. */
    private static ServerSocket silent(List<Socket> accepted) throws IOException {
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    accepted.add(socket.accept());
                } catch (IOException e) {
                    return;
                }
            }
        }, "silent-acceptor-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return socket;
    }
}
