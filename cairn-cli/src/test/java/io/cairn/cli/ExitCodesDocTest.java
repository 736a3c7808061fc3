package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.cairn.core.ErrorCode;
import org.junit.jupiter.api.Test;

/** docs/exit-codes.md and the --help exit-code list must say what ErrorCode says. */
class ExitCodesDocTest {

    @Test
    void everyErrorCodeIsDocumentedWithItsNumber() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "exit-codes.md"));
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(doc).as("docs/exit-codes.md row for " + code)
                    .contains("| " + code.exitCode() + " | " + code.name() + " |");
        }
    }

    @Test
    void helpListsEveryExitCode() {
        CliRun run = CliRun.of("--help");
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(run.out()).as("cairn --help exit code " + code.exitCode()).containsPattern("(?m)^\\s+" + code.exitCode() + "\\s");
        }
    }
}
