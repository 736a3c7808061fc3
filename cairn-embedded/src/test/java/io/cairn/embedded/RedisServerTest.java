package io.cairn.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class RedisServerTest {

    static String ping(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[7];
            int read = in.readNBytes(reply, 0, 7);
            return new String(reply, 0, read, StandardCharsets.US_ASCII).strip();
        }
    }

    @Test
    void startsStopsAndKeepsThePasswordOffTheCommandLine() throws IOException {
        try (RedisServer server = RedisServer.builder().password("hidden123").build()) {
            server.start();
            assertThat(ping(server.port())).startsWith("-NOAUTH");
            long pid = server.pid().orElseThrow();
            String commandLine = Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "cmdline"));
            assertThat(Files.getPosixFilePermissions(server.directory().resolve("redis.conf")))
                    .hasSize(2);
            assertThat(commandLine).doesNotContain("hidden123");
            server.stop();
            assertThat(server.isRunning()).isFalse();
            server.start();
            assertThat(ping(server.port())).startsWith("-NOAUTH");
        }
    }
}
