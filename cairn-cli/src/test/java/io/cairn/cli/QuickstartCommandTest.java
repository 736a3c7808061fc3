package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code cairn quickstart} end to end on the bundled PostgreSQL binaries: the restored orders are all there. */
class QuickstartCommandTest {

    @Test
    void runsTheWholeStoryAndStopsTheServer() {
        CliRun run = CliRun.of("quickstart");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Start the embedded server")
                .contains("Take a full backup")
                .contains("batch 3 committed")
                .contains("DROP TABLE orders")
                .contains("recovery reached LSN")
                .contains("the orders table is back")
                .contains("Stop the server")
                .contains("total");
        String restoredTable = run.out().substring(run.out().indexOf("the orders table is back"));
        assertThat(restoredTable).containsPattern("Ada Lovelace\\s+3\\s+37.56").containsPattern("Barbara Liskov\\s+12\\s+410.88");
        assertThat(run.err()).isEmpty();
    }
}
