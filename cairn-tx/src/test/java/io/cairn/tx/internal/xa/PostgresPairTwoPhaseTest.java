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

    /**
     * With a damaged log a missing decision proves nothing: recovery reports the undecided branches
     * as heuristic and leaves them prepared; an operator's resolve is logged, then carried out.
     */
    @Test
    void aDamagedLogMakesUndecidedBranchesHeuristicUntilAnOperatorResolvesThem() throws Exception {
        Bank bank = new Bank("orders", first, "billing", second);
        bank.reset(1, 100);
        Path log = temp.resolve("damaged-log");
        try (CoordinatorLog written = CoordinatorLog.open(log, "heur")) {
            for (String gid : List.of("cairn:heur:1-000000000001", "cairn:heur:2-000000000002", "cairn:heur:3-000000000003")) {
                written.decide(new Decision(gid, true, java.time.Instant.now(), bank.dbs(), false));
            }
        }
        Path file = log.resolve(CoordinatorLog.FILE);
        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        bytes[CoordinatorLog.frame("H heur").remaining() + 10] ^= 0x01;
        java.nio.file.Files.write(file, bytes);
        String gid = Gid.next("heur", java.time.Instant.now());
        for (String db : bank.dbs()) {
            try (java.sql.Connection c = bank.connect(db); java.sql.Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("UPDATE accounts SET balance = balance + 5 WHERE id = 1");
                s.execute("PREPARE TRANSACTION '" + gid + ":" + db + "'");
                c.setAutoCommit(true);
            }
        }
        try (DataManager databases = bank.dataManager();
             TwoPhaseCommit coordinator = Coordinators.open(databases, "heur", log, Step.NONE)) {
            io.cairn.tx.RecoveryResult recovered = coordinator.recover(false);
            assertThat(recovered.unresolved()).isTrue();
            assertThat(recovered.resolutions()).hasSize(2).allSatisfy(r -> {
                assertThat(r.gid()).isEqualTo(gid);
                assertThat(r.action()).isEqualTo(io.cairn.tx.BranchResolution.Action.HEURISTIC);
                assertThat(r.detail()).contains("cairn tx resolve " + gid);
            });
            assertThat(bank.preparedBranches()).hasSize(2);
            io.cairn.tx.InDoubtReport report = coordinator.inDoubt();
            assertThat(report.logDamaged()).isTrue();
            assertThat(report.branches()).extracting(io.cairn.tx.InDoubtBranch::outcome)
                    .containsOnly(io.cairn.tx.LoggedOutcome.UNKNOWN);

            io.cairn.tx.RecoveryResult resolved = coordinator.resolve(gid, true);
            assertThat(resolved.resolutions()).extracting(io.cairn.tx.BranchResolution::action)
                    .containsOnly(io.cairn.tx.BranchResolution.Action.COMMITTED);
            assertThat(resolved.finished()).containsExactly(gid);
        }
        assertThat(bank.preparedBranches()).isEmpty();
        assertThat(bank.balance("orders", 1)).isEqualTo(105);
        assertThat(bank.balance("billing", 1)).isEqualTo(105);
    }
}
