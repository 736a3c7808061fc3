package io.cairn.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.config.DatabaseType;
import io.cairn.core.retry.Backoff;
import io.cairn.testkit.MariaDbExtension;
import io.cairn.tx.TxFixtures.Fresh;
import io.cairn.tx.TxFixtures.RecordingSleeper;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Local transactions on a real MariaDB: savepoints, read-only, time limits, retries of 1020 and 1213, pooled state. */
class MariaDbLocalTxTest {
    @RegisterExtension
    static final MariaDbExtension maria = MariaDbExtension.create();

    Fresh db;
    DataManager dm;
    RecordingSleeper sleeper = new RecordingSleeper();
    Transactions tx;

    @BeforeEach
    void open() {
        db = TxFixtures.fresh(maria, DatabaseType.MARIADB, maria.jdbcUrl());
        db.sql("CREATE TABLE stock (sku varchar(20) PRIMARY KEY, n int)", "INSERT INTO stock VALUES ('A-1', 10), ('B-2', 10)",
                "CREATE TABLE audit (id int AUTO_INCREMENT PRIMARY KEY, note varchar(50))");
        dm = db.open(3);
        tx = TxFixtures.transactions(dm, Clock.systemUTC(), sleeper);
    }

    @AfterEach
    void close() {
        dm.close();
    }

    long stock(String sku) {
        return ((Number) dm.query("main", "SELECT n FROM stock WHERE sku = ?", sku).firstValue().orElseThrow()).longValue();
    }

    long auditRows() {
        return ((Number) dm.query("main", "SELECT count(*) FROM audit").firstValue().orElseThrow()).longValue();
    }

    @Test
    void nestedSavepointsRollBackAlone() {
        tx.inTransaction("main", t -> {
            t.execute("UPDATE stock SET n = n - 1 WHERE sku = 'A-1'");
            t.savepoint(s -> {
                s.execute("INSERT INTO audit (note) VALUES ('outer')");
                assertThatThrownBy(() -> s.savepoint(inner -> {
                    inner.execute("INSERT INTO audit (note) VALUES ('inner')");
                    throw new IllegalStateException("inner fails");
                })).hasMessage("inner fails");
            });
            return null;
        });
        assertThat(stock("A-1")).isEqualTo(9);
        assertThat(dm.query("main", "SELECT note FROM audit").rows()).containsExactly(List.of("outer"));
    }

    @Test
    void readOnlyRefusesWritesAndTimeoutsAreNamed() throws Exception {
        assertThatThrownBy(() -> tx.inTransaction("main", TxOptions.defaults().readOnly(),
                t -> t.execute("UPDATE stock SET n = 0")))
                .isInstanceOf(CairnException.class).hasMessageContaining("database 'main'").hasMessageContaining("READ ONLY");

        try (Connection holder = db.connect(); Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("UPDATE stock SET n = 1 WHERE sku = 'A-1'");
            assertThatThrownBy(() -> tx.inTransaction("main", TxOptions.defaults().lockTimeout(Duration.ofMillis(300)),
                    t -> t.execute("UPDATE stock SET n = 2 WHERE sku = 'A-1'")))
                    .isInstanceOf(CairnException.class).hasMessageContaining("database 'main': the lock timeout of 300ms passed");
            holder.rollback();
        }
        assertThat(stock("A-1")).isEqualTo(10);
    }

    /** The transaction's statement timeout bounds its statements, not the database's query-timeout (30 s). */
    @Test
    void statementTimeoutEndsASlowStatement() {
        assertThatThrownBy(() -> tx.inTransaction("main", TxOptions.defaults().statementTimeout(Duration.ofSeconds(1)),
                t -> t.query("SELECT SLEEP(5)")))
                .isInstanceOf(CairnException.class)
                .hasMessageContaining("database 'main': the statement timeout of 1s passed")
                .hasMessageContaining("TxOptions.statementTimeout");
    }

    /** REPEATABLE READ turns on innodb_snapshot_isolation: the lost update becomes error 1020, retried once. */
    @Test
    void changedSinceSnapshotIsRetriedAndAppliedOnce() {
        AtomicInteger runs = new AtomicInteger();
        int left = tx.inTransaction("main", TxOptions.repeatableRead().backoff(Backoff.fixed(Duration.ofMillis(50))), t -> {
            int run = runs.incrementAndGet();
            int n = t.queryOne("SELECT n FROM stock WHERE sku = 'A-1'", Integer.class);
            if (run == 1) {
                tx.inTransaction("main", other -> other.execute("UPDATE stock SET n = n + 100 WHERE sku = 'A-1'"));
            }
            t.execute("UPDATE stock SET n = ? WHERE sku = 'A-1'", n - 1);
            t.execute("INSERT INTO audit (note) VALUES ('x')");
            return n - 1;
        });
        assertThat(runs).hasValue(2);
        assertThat(left).isEqualTo(109);
        assertThat(stock("A-1")).isEqualTo(109);
        assertThat(auditRows()).isEqualTo(1);
        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(50));
    }

    /** Two transactions lock rows in opposite orders (a latch makes them cross): the deadlock victim is retried. */
    @Test
    void deadlockVictimIsRetriedAndEachTransactionAppliesOnce() throws Exception {
        CountDownLatch bothLocked = new CountDownLatch(2);
        AtomicInteger runs = new AtomicInteger();
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transfer("A-1", "B-2", bothLocked, runs));
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> transfer("B-2", "A-1", bothLocked, runs));
        first.get(30, TimeUnit.SECONDS);
        second.get(30, TimeUnit.SECONDS);
        assertThat(runs).hasValue(3);
        assertThat(auditRows()).isEqualTo(2);
        assertThat(stock("A-1")).isEqualTo(10);
        assertThat(stock("B-2")).isEqualTo(10);
    }

    private void transfer(String from, String to, CountDownLatch bothLocked, AtomicInteger runs) {
        tx.inTransaction("main", TxOptions.defaults().retries(3), t -> {
            runs.incrementAndGet();
            t.execute("UPDATE stock SET n = n - 1 WHERE sku = ?", from);
            bothLocked.countDown();
            bothLocked.await(20, TimeUnit.SECONDS);
            t.execute("UPDATE stock SET n = n + 1 WHERE sku = ?", to);
            t.execute("INSERT INTO audit (note) VALUES (?)", from + "->" + to);
            return null;
        });
    }

    @Test
    void theConnectionGoesBackToThePoolAsItCame() {
        DataManager single = db.open(1);
        try {
            Transactions one = TxFixtures.transactions(single, Clock.systemUTC(), sleeper);
            Map<String, Object> before = state(single);
            TxOptions options = TxOptions.serializable().readOnly().statementTimeout(Duration.ofSeconds(3))
                    .lockTimeout(Duration.ofSeconds(2)).timeout(Duration.ofSeconds(60));
            Map<String, Object> inside = one.inTransaction("main", options, t -> Map.of(
                    "lock wait", t.queryOne("SELECT @@SESSION.innodb_lock_wait_timeout", Long.class),
                    "snapshot", t.queryOne("SELECT @@SESSION.innodb_snapshot_isolation", Long.class),
                    "statement time", t.queryOne("SELECT @@SESSION.max_statement_time", java.math.BigDecimal.class)
                            .stripTrailingZeros().toPlainString()));
            assertThat(inside).containsEntry("lock wait", 2L).containsEntry("snapshot", 1L).containsEntry("statement time", "3");
            assertThat(state(single)).isEqualTo(before);

            assertThatThrownBy(() -> one.inTransaction("main", options, t -> t.execute("UPDATE stock SET n = 0")))
                    .isInstanceOf(CairnException.class);
            assertThat(state(single)).isEqualTo(before);
        } finally {
            single.close();
        }
    }

    static Map<String, Object> state(DataManager databases) {
        return databases.withConnection("main", c -> {
            Map<String, Object> values = new TreeMap<>();
            values.put("autoCommit", c.getAutoCommit());
            values.put("jdbc isolation", c.getTransactionIsolation());
            values.put("jdbc readOnly", c.isReadOnly());
            try (Statement s = c.createStatement(); var rows = s.executeQuery("SELECT @@SESSION.tx_isolation, "
                    + "@@SESSION.tx_read_only, @@SESSION.max_statement_time, @@SESSION.innodb_lock_wait_timeout, "
                    + "@@SESSION.innodb_snapshot_isolation, @@SESSION.autocommit")) {
                rows.next();
                for (int i = 1; i <= 6; i++) {
                    values.put("var " + i, rows.getString(i));
                }
            }
            return values;
        });
    }
}
