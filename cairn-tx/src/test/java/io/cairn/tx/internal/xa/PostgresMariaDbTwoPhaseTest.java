package io.cairn.tx.internal.xa;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.testkit.MariaDbExtension;
import io.cairn.testkit.PostgresExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Two-phase commit between PostgreSQL 15 and MariaDB: the crash matrix and the participant faults. */
class PostgresMariaDbTwoPhaseTest {
    @RegisterExtension
    static final PostgresExtension postgres = PostgresExtension.builder().systemBinaries(15)
            .setting("max_prepared_transactions", "10").build();
    @RegisterExtension
    static final MariaDbExtension mariadb = MariaDbExtension.create();

    @TempDir
    Path temp;

    private static Bank bank() {
        return new Bank("main", postgres, "legacy", mariadb);
    }

    @Test
    void killedCoordinatorConvergesToAllOrNothingAtEveryStep() throws Exception {
        List<String> lines = CrashMatrix.run(bank(), temp);
        lines.forEach(line -> System.out.println("crash matrix PG15+MariaDB: " + line));
        assertThat(lines).hasSize(6);
    }
}
