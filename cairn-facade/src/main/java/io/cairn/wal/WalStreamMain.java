package io.cairn.wal;

import io.cairn.Cairn;
import io.cairn.backup.postgres.WalStreamOptions;
import io.cairn.backup.postgres.WalStreamStatus;
import io.cairn.backup.postgres.WalStreamer;
import io.cairn.core.CairnException;
import io.cairn.core.CairnJson;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DurationText;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * WAL streaming as its own process, without the CLI (also what the tests run and kill -9):
 * {@code java -cp … io.cairn.wal.WalStreamMain --config cairn.yaml --db main [--repo URL]
 * [--password-file FILE] [--synchronous] [--partial-interval 10s] [--status-port N]}. Everything
 * goes through the {@link Cairn} facade: the repository and passphrase by its rule (the flags, else
 * the configuration's {@code repository:}, else {@code $CAIRN_PASSWORD}; local or S3), the streaming
 * options from {@code wal.<db>} of the configuration, which the flags override. Prints
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
            String db = parsed.required("--db");
            parsed.required("--config");
            Cairn cairn = parsed.openCairn();
            WalStreamOptions options = cairn.wal().options(db);
            if (parsed.flag("--synchronous")) {
                options = options.withSynchronous(true);
            }
            if (parsed.option("--partial-interval").isPresent()) {
                options = options.withPartialInterval(DurationText.parse(parsed.required("--partial-interval"),
                        "--partial-interval"));
            }
            WalStreamer streamer = cairn.postgres().walStreamer(db, options);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                streamer.close();
                cairn.close();
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
