package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.cairn.testkit.S3Extension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar run as the README tells users to run it: a separate java process. */
class CairnJarIT {
    private static final Path JAR = Path.of("target", "cairn.jar");

    @RegisterExtension
    static final S3Extension s3 = S3Extension.create();

    @TempDir
    Path dir;

    private record Result(int exitCode, String out, String err) {
    }

    private static Result cairn(String... args) throws IOException, InterruptedException {
        return cairn(Map.of(), args);
    }

    private static Result cairn(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("cairn-out", ".txt");
        Path err = Files.createTempFile("cairn-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
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
        assertThat(result.out()).contains("the orders table is back").contains("37.56");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void configErrorFromTheJarIsOneLine() throws Exception {
        Result result = cairn("status", "--config", "/nonexistent/cairn.yaml");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().lines().count()).as(result.err()).isEqualTo(1);
    }

    @Test
    void backupAndRestoreThroughS3WithCredentialsFromTheEnvironment() throws Exception {
        Path source = Files.createDirectories(dir.resolve("source"));
        Files.writeString(source.resolve("a.txt"), "hello s3\n");
        Map<String, String> environment = Map.of("AWS_ACCESS_KEY_ID", s3.accessKey(), "AWS_SECRET_ACCESS_KEY", s3.secretKey(),
                "AWS_REGION", s3.region(), "CAIRN_PASSWORD", "s3 passphrase");
        String repo = "s3://" + s3.endpoint().getHost() + ":" + s3.endpoint().getPort() + "/" + s3.bucket() + "/cli";

        assertThat(cairn(environment, "repo", "init", "--repo", repo).exitCode()).isZero();
        Result backup = cairn(environment, "backup", "files", source.toString(), "--repo", repo);
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        Result restore = cairn(environment, "restore", "latest", "--target", dir.resolve("out").toString(), "--repo", repo);
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(dir.resolve("out").resolve(source.toString().substring(1)).resolve("a.txt")).hasContent("hello s3");
        assertThat(backup.out() + backup.err() + restore.out() + restore.err()).doesNotContain(s3.secretKey());
    }
}
