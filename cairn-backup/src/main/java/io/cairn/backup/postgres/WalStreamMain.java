package io.cairn.backup.postgres;

import io.cairn.core.CairnException;
import io.cairn.core.CairnJson;
import io.cairn.core.ErrorCode;
import io.cairn.core.DataManager;
import io.cairn.core.config.CairnConfig;
import io.cairn.repository.Repository;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * WAL streaming as its own process, without the CLI (also what the tests run and kill -9):
 * {@code java -cp … io.cairn.backup.postgres.WalStreamMain --config cairn.yaml --db main --repo DIR
 * [--password-file FILE] [--synchronous] [--partial-interval 10s] [--status-port N]}. Streaming
 * options come from {@code wal.<db>} of the configuration, the flags override them. Prints
 * {@code cairn wal streamer started for <db>} once streaming, and stores what it received on
 * SIGTERM/SIGINT before exiting. With {@code --status-port}, every connection to that loopback
 * port receives the current {@link WalStreamStatus} as one line of JSON (a liveness probe).
 */
public final class WalStreamMain {
    public static final String READY_LINE = "cairn wal streamer started for ";

    private WalStreamMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        CommandLineArguments parsed;
        try {
            parsed = CommandLineArguments.parse(args, Set.of("--config", "--db", "--repo", "--password-file",
                    "--partial-interval", "--status-port"), Set.of("--synchronous"));
        } catch (CairnException e) {
            System.err.println("cairn wal stream: " + e.getMessage());
            System.exit(e.exitCode());
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            CairnConfig config = CairnConfig.load(Path.of(parsed.required("--config")));
            String db = parsed.required("--db");
            WalStreamOptions options = config.section("wal").map(section -> WalStreamOptions.from(section, db))
                    .orElse(WalStreamOptions.defaults(db));
            if (parsed.flag("--synchronous")) {
                options = options.withSynchronous(true);
            }
            if (parsed.option("--partial-interval").isPresent()) {
                options = options.withPartialInterval(Duration.parse("PT" + parsed.required("--partial-interval")
                        .toUpperCase(java.util.Locale.ROOT)));
            }
            DataManager dataManager = DataManager.open(config);
            Repository repository = parsed.openRepository();
            WalStreamer streamer = new PostgresBackups(dataManager, repository).walStreamer(db, options);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                streamer.close();
                repository.close();
                dataManager.close();
                stopped.countDown();
            }, "cairn-wal-stream-shutdown"));
            streamer.start();
            if (parsed.option("--status-port").isPresent()) {
                serveStatus(Integer.parseInt(parsed.required("--status-port")), streamer);
            }
            System.out.println(READY_LINE + db);
            System.out.flush();
            while (streamer.isRunning() && stopped.getCount() > 0) {
                Thread.sleep(500);
            }
            if (stopped.getCount() == 0) {
                return;
            }
            System.err.println("cairn wal stream: stopped: " + streamer.status().lastError().orElse("(no error)"));
            System.exit(1);
        } catch (CairnException e) {
            System.err.println("cairn wal stream: " + e.getMessage());
            System.exit(e.exitCode());
        }
    }

    private static void serveStatus(int port, WalStreamer streamer) {
        ServerSocket socket;
        try {
            socket = new ServerSocket(port, 16, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new CairnException(ErrorCode.USAGE, "cannot listen on status port " + port + ": " + e.getMessage(), e);
        }
        Thread thread = new Thread(() -> {
            while (true) {
                try (Socket client = socket.accept(); OutputStream out = client.getOutputStream()) {
                    out.write((CairnJson.mapper().writeValueAsString(streamer.status()) + "\n")
                            .getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // one failed probe; keep serving
                }
            }
        }, "cairn-wal-stream-status");
        thread.setDaemon(true);
        thread.start();
    }
}
