package io.cairn.backup.postgres;

import io.cairn.embedded.JavaServer;
import io.cairn.wal.WalStreamMain;
import io.cairn.testkit.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@link WalStreamMain} in a child JVM (so it can be killed with -9), configured through a cairn.yaml. */
final class StreamerProcess implements AutoCloseable {
    private final JavaServer process;

    private StreamerProcess(JavaServer process) {
        this.process = process;
    }

    static StreamerProcess create(PostgresExtension pg, Path directory, Path repository, boolean synchronous)
            throws IOException {
        Files.createDirectories(directory);
        Path password = directory.resolve("pg-password");
        Files.writeString(password, pg.password());
        Path config = directory.resolve("cairn.yaml");
        Files.writeString(config, """
                databases:
                  main:
                    type: postgresql
                    url: "%s"
                    password: "${file:%s}"
                wal:
                  main:
                    partial-interval: 300ms
                    max-reconnect-delay: 1s
                """.formatted(pg.cairnUrl(), password));
        Path passphrase = TestSupport.passwordFile(directory);
        List<String> arguments = new ArrayList<>(List.of("--config", config.toString(), "--db", "main", "--repo",
                repository.toString(), "--password-file", passphrase.toString()));
        if (synchronous) {
            arguments.add("--synchronous");
        }
        JavaServer process = JavaServer.builder("walstreamer", WalStreamMain.class.getName())
                .directory(directory.resolve("process"))
                .jvmOptions(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"))
                .arguments((port, dir) -> withPort(arguments, port))
                .readyLine(WalStreamMain.READY_LINE)
                .build();
        return new StreamerProcess(process);
    }

    private static List<String> withPort(List<String> arguments, int port) {
        List<String> all = new ArrayList<>(arguments);
        all.add("--status-port");
        all.add(Integer.toString(port));
        return all;
    }

    void start() {
        process.start();
    }

    void kill() {
        process.kill();
    }

    String logTail() {
        return process.logTail(30);
    }

    @Override
    public void close() {
        process.close();
    }
}
