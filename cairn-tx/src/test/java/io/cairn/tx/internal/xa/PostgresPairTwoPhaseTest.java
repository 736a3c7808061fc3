package io.cairn.tx.internal.xa;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.testkit.PostgresExtension;
import io.cairn.tx.DistributedResult;
import io.cairn.tx.TxOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Two-phase commit between PostgreSQL 15 and PostgreSQL 17: the crash matrix, and the up-front check of max_prepared_transactions. */
class PostgresPairTwoPhaseTest {
    @RegisterExtension
    static final PostgresExtension first = PostgresExtension.builder().systemBinaries(15)
            .setting("max_prepared_transactions", "10").build();
    @RegisterExtension
    static final PostgresExtension second = PostgresExtension.builder().bundledBinaries()
            .setting("max_prepared_transactions", "10").build();
    @RegisterExtension
    static final PostgresExtension unprepared = PostgresExtension.builder().systemBinaries(15).build();

    @TempDir
    Path temp;

    @Test
    void killedCoordinatorConvergesToAllOrNothingAtEveryStep() throws Exception {
        List<String> lines = CrashMatrix.run(new Bank("orders", first, "billing", second), temp);
        lines.forEach(line -> System.out.println("crash matrix PG15+PG17: " + line));
        assertThat(lines).hasSize(6);
    }

    @Test
    void aServerWithoutPreparedTransactionsIsRefusedUpFrontWithTheFix() throws Exception {
        Bank bank = new Bank("orders", first, "audit", unprepared);
        bank.reset(1, 100);
        try (DataManager databases = bank.dataManager();
             TwoPhaseCommit coordinator = Coordinators.open(databases, "check", temp.resolve("log"), Step.NONE)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> coordinator.run(bank.dbs(), TxOptions.defaults(),
                            d -> d.on("audit").execute("UPDATE accounts SET balance = 0")))
                    .isInstanceOfSatisfying(CairnException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.PRECONDITION);
                        assertThat(e.getMessage()).contains("database 'audit'", "max_prepared_transactions",
                                "ALTER SYSTEM SET max_prepared_transactions");
                    });
            assertThat(bank.balance("audit", 1)).isEqualTo(100);
            assertThat(bank.preparedBranches()).isEmpty();
        }
    }

    @Test
    void aFailingBodyRollsBackEveryBranchAndACommitReportsItsParticipants() throws Exception {
        Bank bank = new Bank("orders", first, "billing", second);
        bank.reset(1, 100);
        try (DataManager databases = bank.dataManager();
             TwoPhaseCommit coordinator = Coordinators.open(databases, "body", temp.resolve("log"), Step.NONE)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> coordinator.run(bank.dbs(), TxOptions.defaults(), d -> {
                d.on("orders").execute("UPDATE accounts SET balance = balance - 10 WHERE id = 1");
                d.on("billing").execute("UPDATE no_such_table SET x = 1");
            })).isInstanceOf(CairnException.class).hasMessageContaining("billing");
            assertThat(bank.balance("orders", 1)).isEqualTo(100);

            List<Runnable> hooks = new java.util.ArrayList<>();
            DistributedResult result = coordinator.run(bank.dbs(), TxOptions.defaults(), d -> {
                d.on("orders").execute("UPDATE accounts SET balance = balance - 10 WHERE id = 1");
                d.on("billing").execute("UPDATE accounts SET balance = balance + 10 WHERE id = 1");
                d.afterCommit(() -> hooks.add(() -> { }));
                assertThat(d.gid()).startsWith("cairn:body:");
            });
            assertThat(result.participants()).containsExactly("orders", "billing");
            assertThat(result.awaitingRecovery()).isEmpty();
            assertThat(hooks).hasSize(1);
            assertThat(bank.balance("orders", 1)).isEqualTo(90);
            assertThat(bank.balance("billing", 1)).isEqualTo(110);
            assertThat(bank.preparedBranches()).isEmpty();
            assertThat(coordinator.inDoubt().decided()).isEmpty();
        }
    }
}
