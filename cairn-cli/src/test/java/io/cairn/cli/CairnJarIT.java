package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The shaded jar run as the README tells users to run it: a separate java process. */
class CairnJarIT {
    private static final Path JAR = Path.of("target", "cairn.jar");

    private record Result(int exitCode, String out, String err) {
    }

    private static Result cairn(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("cairn-out", ".txt");
        Path err = Files.createTempFile("cairn-err", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("cairn " + String.join(" ", args) + " did not finish in 5 minutes");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void versionFromTheJar() throws Exception {
        Result result = cairn("--version");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("cairn 0.");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void quickstartFromTheJarIsCleanOnStderr() throws Exception {
        Result result = cairn("quickstart");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Ada Lovelace").contains("12.50").contains("UP");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void configErrorFromTheJarIsOneLine() throws Exception {
        Result result = cairn("status", "--config", "/nonexistent/cairn.yaml");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().lines().count()).as(result.err()).isEqualTo(1);
    }
}
