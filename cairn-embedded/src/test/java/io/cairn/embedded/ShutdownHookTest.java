package io.cairn.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.embedded.internal.ProcessTrees;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A JVM that exits without closing its servers must not leave them running. */
class ShutdownHookTest {

    /** Child JVM: starts Redis, prints its pid and directory, exits without stopping it. */
    public static final class LeakingMain {
        public static void main(String[] arguments) {
            RedisServer server = RedisServer.builder().build();
            server.start();
            System.out.println("pid=" + server.pid().orElseThrow() + " dir=" + server.directory());
            System.out.flush();
            System.exit(0);
        }
    }

    @Test
    void stopsServersLeftRunningWhenTheJvmExits() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LeakingMain.class.getName())
                .redirectErrorStream(true).start();
        String pidLine;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            pidLine = out.lines().filter(line -> line.startsWith("pid=")).findFirst().orElseThrow();
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        long pid = Long.parseLong(pidLine.substring(4, pidLine.indexOf(' ')));
        List<ProcessHandle> redis = ProcessHandle.of(pid).stream().toList();
        assertThat(ProcessTrees.awaitGone(redis, Duration.ofSeconds(30))).isTrue();
        io.cairn.embedded.internal.ServerDirectories.deleteRecursively(Path.of(pidLine.substring(pidLine.indexOf("dir=") + 4)));
    }
}
