package io.cairn.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A test JVM that exits before afterAll (e.g. killed by SIGTERM) leaves no server and no directory. */
class JvmExitCleanupTest {

    /** Child JVM: starts Redis through the extension, prints pid and directory, exits without closing. */
    public static final class AbandoningMain {
        public static void main(String[] arguments) {
            RedisExtension redis = RedisExtension.create();
            redis.start();
            System.out.println("pid=" + redis.server().pid().orElseThrow() + " dir=" + redis.directory());
            System.out.flush();
            System.exit(0);
        }
    }

    @Test
    void theShutdownHookStopsServersAndDeletesTheirDirectories() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AbandoningMain.class.getName())
                .redirectErrorStream(true).start();
        String line;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            line = out.lines().filter(each -> each.startsWith("pid=")).findFirst().orElseThrow();
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        long pid = Long.parseLong(line.substring(4, line.indexOf(' ')));
        Path directory = Path.of(line.substring(line.indexOf("dir=") + 4));
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(directory).doesNotExist();
    }
}
