package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code cairn quickstart} end to end on the bundled PostgreSQL binaries. */
class QuickstartCommandTest {

    @Test
    void runsTheWholeStoryAndStopsTheServer() {
        CliRun run = CliRun.of("quickstart");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Start the embedded server")
                .contains("Ada Lovelace")
                .contains("shop")
                .contains("UP")
                .contains("Stop the server")
                .contains("total");
        assertThat(run.err()).isEmpty();
    }
}
