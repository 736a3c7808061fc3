package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage and configuration errors: one line, the right exit code, no stack trace unless --verbose. */
class CommandLineErrorsTest {

    @TempDir
    Path dir;

    @Test
    void versionPrintsCairnVersion() {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("cairn 0.").contains("Java 17");
    }

    @Test
    void unknownOptionIsUsageError() {
        CliRun run = CliRun.of("status", "--jsn");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--jsn'").contains("cairn status --help");
    }

    @Test
    void unknownCommandIsUsageError() {
        CliRun run = CliRun.of("stauts");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("stauts");
    }

    @Test
    void missingConfigFileNamesTheFile() {
        Path missing = dir.resolve("nope.yaml");
        CliRun run = CliRun.of("status", "--config", missing.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(missing.toString()).doesNotContain("\tat ");
        assertThat(run.err().lines().count()).isEqualTo(1);
    }

    @Test
    void malformedYamlIsOneLineWithoutStackTrace() throws IOException {
        Path config = Files.writeString(dir.resolve("cairn.yaml"), "databases:\n  main: { type: postgresql, url: [\n");
        CliRun run = CliRun.of("status", "-c", config.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cairn.yaml").doesNotContain("\tat ");
        assertThat(run.err().lines().count()).isEqualTo(1);
    }

    @Test
    void unknownDatabaseTypeListsValidOnes() throws IOException {
        Path config = Files.writeString(dir.resolve("cairn.yaml"),
                "databases:\n  main: { type: oracle, url: \"postgresql://app@127.0.0.1:5432/app\" }\n");
        CliRun run = CliRun.of("status", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("databases.main.type").contains("oracle").contains("postgresql");
    }

    @Test
    void missingEnvironmentVariableNamesIt() throws IOException {
        Path config = Files.writeString(dir.resolve("cairn.yaml"), """
                databases:
                  main: { type: postgresql, url: "postgresql://app@127.0.0.1:5432/app", password: "${CAIRN_TEST_SURELY_UNSET_VAR}" }
                """);
        CliRun run = CliRun.of("status", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("CAIRN_TEST_SURELY_UNSET_VAR").contains("databases.main.password");
    }

    @Test
    void verbosePrintsTheStackTrace() throws IOException {
        Path config = Files.writeString(dir.resolve("cairn.yaml"), "databses: {}\n");
        CliRun run = CliRun.of("status", "--verbose", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("databses").contains("\tat ");
    }
}
