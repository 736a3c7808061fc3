package io.cairn.tx.internal.xa;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.DataManager;
import io.cairn.testkit.Await;
import io.cairn.testkit.MariaDbExtension;
import io.cairn.testkit.PostgresExtension;
import io.cairn.tx.DistributedResult;
import io.cairn.tx.TxOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two-phase commit between PostgreSQL 15 and MariaDB: the crash matrix, a backend terminated during
 * COMMIT PREPARED after it committed (pgjdbc#4438), MariaDB restarted with a prepared branch, and
 * money moved by concurrent transfers while participants' connections are killed.
 */
class PostgresMariaDbTwoPhaseTest {
    @RegisterExtension
    static final PostgresExtension postgres = PostgresExtension.builder().systemBinaries(15)
            .setting("max_prepared_transactions", "20").build();
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

    /**
     * COMMIT PREPARED waits for a synchronous standby that never comes; the backend is terminated
     * in that wait, after the commit is durable locally, and the client gets an error. The branch
     * is checked on a new connection, found gone, and the transaction reported committed.
     */
    @Test
    void backendTerminatedDuringCommitPreparedIsCheckedNotGuessed() throws Exception {
        Bank bank = bank();
        bank.reset(1, 100);
        try (Connection admin = bank.connect("main"); Statement s = admin.createStatement()) {
            s.execute("ALTER SYSTEM SET synchronous_standby_names = 'nobody'");
            s.execute("ALTER SYSTEM SET synchronous_commit = 'local'");
            s.execute("SELECT pg_reload_conf()");
        }
        List<CompletableFuture<Void>> terminations = new ArrayList<>();
        Step terminateInCommit = (point, db, connection) -> {
            if (point == Step.Point.BEFORE_COMMIT && "main".equals(db)) {
                try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
                    r.next();
                    int pid = r.getInt(1);
                    s.execute("SET synchronous_commit = on");
                    terminations.add(CompletableFuture.runAsync(() -> terminateWhenWaitingForStandby(bank, pid)));
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        try (DataManager databases = bank.dataManager();
             TwoPhaseCommit coordinator = Coordinators.open(databases, "terminate", temp.resolve("log"), terminateInCommit)) {
            DistributedResult result = coordinator.run(bank.dbs(), TxOptions.defaults(), transfer(1, 1, 10));
            terminations.forEach(CompletableFuture::join);
            assertThat(result.awaitingRecovery()).isEmpty();
            assertThat(bank.balance("main", 1)).isEqualTo(90);
            assertThat(bank.balance("legacy", 1)).isEqualTo(110);
            assertThat(bank.preparedBranches()).isEmpty();
            assertThat(coordinator.inDoubt().decided()).isEmpty();
        } finally {
            try (Connection admin = bank.connect("main"); Statement s = admin.createStatement()) {
                s.execute("ALTER SYSTEM RESET synchronous_standby_names");
                s.execute("ALTER SYSTEM RESET synchronous_commit");
                s.execute("SELECT pg_reload_conf()");
            }
        }
    }

    private static void terminateWhenWaitingForStandby(Bank bank, int pid) {
        Await.until(Duration.ofSeconds(30), "COMMIT PREPARED waiting for the standby", () -> {
            try (Connection c = bank.connect("main"); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT wait_event FROM pg_stat_activity WHERE pid = " + pid)) {
                return r.next() && "SyncRep".equals(r.getString(1));
            }
        });
        try (Connection c = bank.connect("main"); Statement s = c.createStatement()) {
            s.executeQuery("SELECT pg_terminate_backend(" + pid + ")").close();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void mariaDbRestartedWhileItsBranchIsPreparedStillCommits() throws Exception {
        Bank bank = bank();
        bank.reset(1, 100);
        Step restart = (point, db, connection) -> {
            if (point == Step.Point.DECIDED) {
                mariadb.restart();
            }
        };
        try (DataManager databases = bank.dataManager();
             TwoPhaseCommit coordinator = Coordinators.open(databases, "restart", temp.resolve("log"), restart)) {
            DistributedResult result = coordinator.run(bank.dbs(), TxOptions.defaults(), transfer(1, 1, 10));
            if (!result.awaitingRecovery().isEmpty()) {
                Coordinators.recoverUntilClean(coordinator, bank, "recovery after the MariaDB restart");
            }
            assertThat(bank.balance("main", 1)).isEqualTo(90);
            assertThat(bank.balance("legacy", 1)).isEqualTo(110);
            assertThat(bank.preparedBranches()).isEmpty();
        }
    }

    /**
     * Four threads move money between accounts on the two databases while, every few transactions,
     * every connection of one participant is killed (before a prepare, before a commit). Whatever
     * failed, the total is unchanged and no branch stays prepared.
     */
    @Test
    void concurrentTransfersKeepTheTotalWhileConnectionsAreKilled() throws Exception {
        Bank bank = bank();
        int accounts = 5;
        bank.reset(accounts, 1_000);
        long total = bank.total();
        AtomicInteger steps = new AtomicInteger();
        Step killer = (point, db, connection) -> {
            try {
                int n = steps.incrementAndGet();
                if (point == Step.Point.PREPARED && "main".equals(db) && n % 11 == 0) {
                    bank.killConnections("legacy");
                } else if (point == Step.Point.BEFORE_COMMIT && "legacy".equals(db) && n % 13 == 0) {
                    bank.killConnections("main");
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        };
        AtomicInteger committed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger awaiting = new AtomicInteger();
        try (DataManager databases = bank.dataManager();
             TwoPhaseCommit coordinator = Coordinators.open(databases, Coordinators.settings("bank", temp.resolve("log"))
                     .withRecoveryInterval(Duration.ofMillis(200)), killer)) {
            ExecutorService threads = Executors.newFixedThreadPool(4);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                work.add(threads.submit(() -> {
                    for (int i = 0; i < 30; i++) {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        try {
                            DistributedResult result = coordinator.run(bank.dbs(), TxOptions.defaults(),
                                    transfer(1 + random.nextInt(accounts), 1 + random.nextInt(accounts),
                                            random.nextInt(-50, 50)));
                            committed.incrementAndGet();
                            if (!result.awaitingRecovery().isEmpty()) {
                                awaiting.incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            failed.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            threads.shutdown();
            Coordinators.recoverUntilClean(coordinator, bank, "recovery after the transfers");
        }
        System.out.println("bank: " + committed + " committed (" + awaiting + " finished by recovery), " + failed
                + " rolled back");
        assertThat(committed.get()).isPositive();
        assertThat(failed.get()).isPositive();
        assertThat(bank.total()).isEqualTo(total);
        assertThat(bank.preparedBranches()).isEmpty();
    }

    /** A participant that only reads, or is not used at all, prepares and commits like any other. */
    @Test
    void aParticipantThatOnlyReadsOrIsUnusedCommits() throws Exception {
        Bank bank = bank();
        bank.reset(1, 100);
        try (DataManager databases = bank.dataManager();
             TwoPhaseCommit coordinator = Coordinators.open(databases, "reader", temp.resolve("log"), Step.NONE)) {
            DistributedResult result = coordinator.run(bank.dbs(), TxOptions.defaults(), d -> {
                long legacy = d.on("legacy").queryOne("SELECT balance FROM accounts WHERE id = 1", Long.class);
                d.on("main").execute("UPDATE accounts SET balance = ? WHERE id = 1", legacy + 1);
            });
            assertThat(result.awaitingRecovery()).isEmpty();
            assertThat(bank.balance("main", 1)).isEqualTo(101);

            coordinator.run(bank.dbs(), TxOptions.defaults(),
                    d -> d.on("main").execute("UPDATE accounts SET balance = balance + 1 WHERE id = 1"));
            assertThat(bank.balance("main", 1)).isEqualTo(102);
            assertThat(bank.preparedBranches()).isEmpty();
            assertThat(coordinator.inDoubt().decided()).isEmpty();
        }
    }

    /**
     * XA RECOVER lists every client's prepared branches on the server, and pg_prepared_xacts every
     * prepared transaction of the cluster: recovery touches only its own coordinator's.
     */
    @Test
    void recoveryLeavesOtherApplicationsAndOtherCoordinatorsBranchesAlone() throws Exception {
        Bank bank = bank();
        bank.reset(1, 100);
        String otherCoordinator = Gid.next("someone-else", java.time.Instant.now());
        List<String> foreignXids = List.of("'other-app-tx','b1',1", "'" + otherCoordinator + "','legacy'," + Gid.FORMAT_ID);
        try (Connection c = bank.connect("legacy"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS foreign_rows (x INT) ENGINE=InnoDB");
        }
        for (String xid : foreignXids) {
            try (Connection c = bank.connect("legacy"); Statement s = c.createStatement()) {
                s.execute("XA START " + xid);
                s.execute("INSERT INTO foreign_rows VALUES (1)"); // a read-only branch would not stay prepared
                s.execute("XA END " + xid);
                s.execute("XA PREPARE " + xid);
            }
        }
        List<String> foreignGids = List.of("other-app-tx", otherCoordinator + ":main");
        for (String gid : foreignGids) {
            try (Connection c = bank.connect("main"); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("SELECT 1");
                s.execute("PREPARE TRANSACTION '" + gid + "'");
                c.setAutoCommit(true);
            }
        }
        try (DataManager databases = bank.dataManager();
             TwoPhaseCommit coordinator = Coordinators.open(databases, "mine", temp.resolve("log"), Step.NONE)) {
            assertThat(coordinator.recover(false).resolutions()).isEmpty();
            assertThat(coordinator.inDoubt().branches()).isEmpty();
        }
        try (Connection c = bank.connect("legacy"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("XA RECOVER")) {
            int found = 0;
            while (r.next()) {
                found++;
            }
            assertThat(found).as("foreign XA branches still prepared").isEqualTo(2);
        }
        try (Connection c = bank.connect("main"); Statement s = c.createStatement()) {
            for (String gid : foreignGids) {
                s.execute("ROLLBACK PREPARED '" + gid + "'");
            }
        }
        try (Connection c = bank.connect("legacy"); Statement s = c.createStatement()) {
            for (String xid : foreignXids) {
                s.execute("XA ROLLBACK " + xid);
            }
        }
    }

    static io.cairn.tx.DistributedWork transfer(int from, int to, long amount) {
        return d -> {
            d.on("main").execute("UPDATE accounts SET balance = balance - ? WHERE id = ?", amount, from);
            d.on("legacy").execute("UPDATE accounts SET balance = balance + ? WHERE id = ?", amount, to);
        };
    }
}
