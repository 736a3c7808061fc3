package io.cairn.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseType;
import io.cairn.core.retry.Backoff;
import io.cairn.testkit.PostgresExtension;
import io.cairn.testkit.TestClock;
import io.cairn.tx.TxFixtures.Fresh;
import io.cairn.tx.TxFixtures.RecordingSleeper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Local transactions on a real PostgreSQL 15: savepoints, read-only, time limits, retries, hooks, pooled state. */
class PostgresLocalTxTest {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.builder().systemBinaries(15).build();

    Fresh db;
    DataManager dm;
    RecordingSleeper sleeper = new RecordingSleeper();
    Transactions tx;

    @BeforeEach
    void open() {
        db = TxFixtures.fresh(pg, DatabaseType.POSTGRESQL, pg.jdbcUrl());
        db.sql("CREATE TABLE stock (sku text PRIMARY KEY, n int)", "INSERT INTO stock VALUES ('A-1', 10)",
                "CREATE TABLE audit (id serial PRIMARY KEY, note text)");
        dm = db.open(3);
        tx = TxFixtures.transactions(dm, Clock.systemUTC(), sleeper);
    }

    @AfterEach
    void close() {
        dm.close();
    }

    long stock() {
        return ((Number) dm.query("main", "SELECT n FROM stock WHERE sku = 'A-1'").firstValue().orElseThrow()).longValue();
    }

    List<Object> audit() {
        return dm.query("main", "SELECT note FROM audit ORDER BY id").rows().stream().map(r -> r.get(0)).toList();
    }

    @Test
    void nestedSavepointsRollBackAloneAndTheRestCommits() {
        tx.inTransaction("main", t -> {
            t.execute("UPDATE stock SET n = n - 1 WHERE sku = ?", "A-1");
            t.savepoint(s -> {
                s.execute("INSERT INTO audit (note) VALUES ('outer')");
                assertThatThrownBy(() -> s.savepoint(inner -> {
                    inner.execute("INSERT INTO audit (note) VALUES ('inner')");
                    inner.execute("INSERT INTO no_such_table VALUES (1)");
                })).isInstanceOf(CairnException.class).hasMessageContaining("database 'main'")
                        .hasMessageContaining("no_such_table");
                s.execute("INSERT INTO audit (note) VALUES ('after inner')");
            });
            assertThatThrownBy(() -> t.savepoint(s -> {
                s.execute("INSERT INTO audit (note) VALUES ('failed')");
                throw new IllegalStateException("boom");
            })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
            return null;
        });

        assertThat(stock()).isEqualTo(9);
        assertThat(audit()).containsExactly("outer", "after inner");
    }

    @Test
    void readOnlyTransactionRefusesWrites() {
        assertThatThrownBy(() -> tx.inTransaction("main", TxOptions.defaults().readOnly(),
                t -> t.execute("UPDATE stock SET n = 0")))
                .isInstanceOf(CairnException.class).hasMessageContaining("database 'main'")
                .hasMessageContaining("read-only")
                .satisfies(e -> assertThat(((CairnException) e).code()).isEqualTo(ErrorCode.DATABASE_ERROR));
        assertThat(stock()).isEqualTo(10);
    }

    @Test
    void statementTimeoutEndsALongStatement() {
        assertThatThrownBy(() -> tx.inTransaction("main", TxOptions.defaults().statementTimeout(Duration.ofMillis(200)),
                t -> t.query("SELECT pg_sleep(30)")))
                .isInstanceOf(CairnException.class)
                .hasMessageContaining("database 'main': the statement timeout of 200ms passed")
                .hasMessageContaining("TxOptions.statementTimeout");
    }

    @Test
    void lockTimeoutEndsAWaitForARowLock() throws Exception {
        try (Connection holder = db.connect(); Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("UPDATE stock SET n = 1 WHERE sku = 'A-1'");
            assertThatThrownBy(() -> tx.inTransaction("main", TxOptions.defaults().lockTimeout(Duration.ofMillis(200)),
                    t -> t.execute("UPDATE stock SET n = 2 WHERE sku = 'A-1'")))
                    .isInstanceOf(CairnException.class)
                    .hasMessageContaining("database 'main': the lock timeout of 200ms passed");
            holder.rollback();
        }
        assertThat(stock()).isEqualTo(10);
    }

    /** Two serializable transactions conflict on the first run only: the retry succeeds, once. */
    @Test
    void serializationFailureIsRetriedAndAppliedExactlyOnce() {
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger committed = new AtomicInteger();
        AtomicInteger rolledBack = new AtomicInteger();
        TxOptions options = TxOptions.serializable().retries(3)
                .backoff(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.0));

        int left = tx.inTransaction("main", options, t -> {
            int run = runs.incrementAndGet();
            t.afterCommit(committed::incrementAndGet);
            t.afterRollback(rolledBack::incrementAndGet);
            int n = t.queryOne("SELECT n FROM stock WHERE sku = ?", Integer.class, "A-1");
            if (run == 1) {
                // a second serializable transaction commits a change to the row this one read
                tx.inTransaction("main", TxOptions.serializable(), other ->
                        other.execute("UPDATE stock SET n = n + 100 WHERE sku = 'A-1'"));
            }
            t.execute("UPDATE stock SET n = ? WHERE sku = ?", n - 1, "A-1");
            t.execute("INSERT INTO audit (note) VALUES (?)", "run " + run);
            return n - 1;
        });

        assertThat(runs).hasValue(2);
        assertThat(left).isEqualTo(109);
        assertThat(stock()).isEqualTo(109);
        assertThat(audit()).containsExactly("run 2");
        assertThat(committed).hasValue(1);
        assertThat(rolledBack).hasValue(1);
        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void exhaustedRetriesGiveAClearErrorAfterBackingOff() {
        AtomicInteger runs = new AtomicInteger();
        TxOptions options = TxOptions.serializable().retries(2)
                .backoff(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.0));

        assertThatThrownBy(() -> tx.inTransaction("main", options, t -> {
            runs.incrementAndGet();
            int n = t.queryOne("SELECT n FROM stock WHERE sku = 'A-1'", Integer.class);
            tx.inTransaction("main", other -> other.execute("UPDATE stock SET n = n + 100 WHERE sku = 'A-1'"));
            return t.execute("UPDATE stock SET n = ? WHERE sku = 'A-1'", n - 1);
        })).isInstanceOf(CairnException.class)
                .hasMessageContaining("database 'main': gave up after 3 attempts")
                .hasMessageContaining("serialization failure (SQLState 40001)")
                .hasMessageContaining("TxOptions.retries is 2");

        assertThat(runs).hasValue(3);
        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(stock()).isEqualTo(310);
    }

    @Test
    void jitteredBackoffStaysWithinItsBounds() {
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> tx.inTransaction("main", TxOptions.serializable().retries(4), t -> {
            runs.incrementAndGet();
            int n = t.queryOne("SELECT n FROM stock WHERE sku = 'A-1'", Integer.class);
            tx.inTransaction("main", other -> other.execute("UPDATE stock SET n = n + 1 WHERE sku = 'A-1'"));
            return t.execute("UPDATE stock SET n = ? WHERE sku = 'A-1'", n - 1);
        })).isInstanceOf(CairnException.class).hasMessageContaining("gave up after 5 attempts");
        assertThat(sleeper.waits).hasSize(4);
        for (int i = 0; i < 4; i++) {
            Duration cap = Duration.ofMillis(10L << i);
            assertThat(sleeper.waits.get(i)).isBetween(cap.dividedBy(2), cap);
        }
    }

    @Test
    void transactionTimeoutBoundsRetriesAndTheirWaits() {
        TestClock clock = new TestClock(Instant.parse("2024-01-01T00:00:00Z"));
        RecordingSleeper advancing = new RecordingSleeper(clock::advance);
        Transactions timed = TxFixtures.transactions(dm, clock, advancing);
        AtomicInteger runs = new AtomicInteger();

        assertThatThrownBy(() -> timed.inTransaction("main", TxOptions.serializable().retries(100)
                .timeout(Duration.ofSeconds(1)).backoff(Backoff.fixed(Duration.ofMillis(300))), t -> {
                    runs.incrementAndGet();
                    int n = t.queryOne("SELECT n FROM stock WHERE sku = 'A-1'", Integer.class);
                    tx.inTransaction("main", other -> other.execute("UPDATE stock SET n = n + 1 WHERE sku = 'A-1'"));
                    return t.execute("UPDATE stock SET n = ? WHERE sku = 'A-1'", n - 1);
                })).isInstanceOf(CairnException.class)
                .hasMessageContaining("gave up after 4 attempts")
                .hasMessageContaining("the transaction timeout of 1s left no time for another attempt");
        assertThat(runs).hasValue(4);
        assertThat(advancing.waits).hasSize(3);
    }

    @Test
    void transactionTimeoutIsCheckedBeforeEachStatement() {
        TestClock clock = new TestClock(Instant.parse("2024-01-01T00:00:00Z"));
        Transactions timed = TxFixtures.transactions(dm, clock, sleeper);
        assertThatThrownBy(() -> timed.inTransaction("main", TxOptions.defaults().timeout(Duration.ofSeconds(1)), t -> {
            t.execute("UPDATE stock SET n = 0");
            clock.advance(Duration.ofSeconds(2));
            return t.execute("UPDATE stock SET n = 1");
        })).isInstanceOf(CairnException.class).hasMessageContaining("database 'main': the transaction timeout of 1s passed");
        assertThat(stock()).isEqualTo(10);
    }

    @Test
    void hooksRunOnceAndAFailingHookDoesNotFailACommittedTransaction() {
        AtomicInteger second = new AtomicInteger();
        AtomicInteger rollbackHook = new AtomicInteger();
        String result = tx.inTransaction("main", t -> {
            t.execute("UPDATE stock SET n = 5");
            t.afterCommit(() -> {
                throw new IllegalStateException("hook failed");
            });
            t.afterCommit(second::incrementAndGet);
            t.afterRollback(rollbackHook::incrementAndGet);
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(second).hasValue(1);
        assertThat(rollbackHook).hasValue(0);
        assertThat(stock()).isEqualTo(5);
    }

    @Test
    void afterRollbackRunsWhenTheBodyFailsAndHooksOfARolledBackSavepointAreDropped() {
        AtomicInteger commitHooks = new AtomicInteger();
        AtomicInteger rollbackHooks = new AtomicInteger();
        tx.inTransaction("main", t -> {
            t.afterCommit(commitHooks::incrementAndGet);
            try {
                t.savepoint(s -> {
                    s.afterCommit(commitHooks::incrementAndGet);
                    throw new IllegalStateException("undo");
                });
            } catch (IllegalStateException expected) {
                // the savepoint's hook no longer applies
            }
            return null;
        });
        assertThat(commitHooks).hasValue(1);

        assertThatThrownBy(() -> tx.inTransaction("main", t -> {
            t.execute("UPDATE stock SET n = 0");
            t.afterCommit(commitHooks::incrementAndGet);
            t.afterRollback(rollbackHooks::incrementAndGet);
            throw new IOException("disk full");
        })).isInstanceOf(CairnException.class).hasMessageContaining("threw IOException: disk full")
                .hasCauseInstanceOf(IOException.class);
        assertThat(commitHooks).hasValue(1);
        assertThat(rollbackHooks).hasValue(1);
        assertThat(stock()).isEqualTo(10);
    }

    @Test
    void theConnectionGoesBackToThePoolAsItCame() {
        DataManager single = db.open(1);
        try {
            Transactions one = TxFixtures.transactions(single, Clock.systemUTC(), sleeper);
            Map<String, Object> before = state(single);
            TxOptions options = TxOptions.serializable().readOnly().statementTimeout(Duration.ofSeconds(3))
                    .lockTimeout(Duration.ofSeconds(1)).timeout(Duration.ofSeconds(60));
            Map<String, Object> inside = one.inTransaction("main", options, t -> Map.of(
                    "isolation", t.queryOne("SHOW transaction_isolation", String.class),
                    "read only", t.queryOne("SHOW transaction_read_only", String.class),
                    "statement timeout", t.queryOne("SHOW statement_timeout", String.class),
                    "lock timeout", t.queryOne("SHOW lock_timeout", String.class)));
            assertThat(inside).containsEntry("isolation", "serializable").containsEntry("read only", "on")
                    .containsEntry("statement timeout", "3s").containsEntry("lock timeout", "1s");
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
            try (Statement s = c.createStatement()) {
                Map<String, Object> values = new java.util.TreeMap<>();
                values.put("autoCommit", c.getAutoCommit());
                values.put("jdbc isolation", c.getTransactionIsolation());
                values.put("jdbc readOnly", c.isReadOnly());
                for (String setting : List.of("transaction_isolation", "default_transaction_isolation",
                        "default_transaction_read_only", "statement_timeout", "lock_timeout")) {
                    try (var rows = s.executeQuery("SHOW " + setting)) {
                        rows.next();
                        values.put(setting, rows.getString(1));
                    }
                }
                return values;
            }
        });
    }
}
