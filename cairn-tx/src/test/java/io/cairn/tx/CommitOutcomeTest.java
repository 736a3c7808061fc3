package io.cairn.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseType;
import io.cairn.testkit.MariaDbExtension;
import io.cairn.testkit.PostgresExtension;
import io.cairn.testkit.TestServer;
import io.cairn.tx.CommitCuttingProxy.Cut;
import io.cairn.tx.TxFixtures.Fresh;
import io.cairn.tx.TxFixtures.RecordingSleeper;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A connection cut during COMMIT (by a proxy that sees the COMMIT go by) never applies the work
 * twice, and the outcome is reported as it is: resolved on PostgreSQL, unknown on MariaDB.
 */
class CommitOutcomeTest {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.builder().systemBinaries(15).build();
    @RegisterExtension
    static final MariaDbExtension maria = MariaDbExtension.create();

    record Run(int runs, int committedHooks, int rolledBackHooks, long rows, Object resultOrError, int cuts) {
    }

    Run cut(TestServer server, DatabaseType type, String adminJdbc, Cut cut, int retries) throws Exception {
        Fresh db = TxFixtures.fresh(server, type, adminJdbc);
        db.sql("CREATE TABLE audit (id int PRIMARY KEY)");
        String host = server.host() + ":" + server.port();
        try (CommitCuttingProxy proxy = new CommitCuttingProxy(server.port());
             DataManager dm = db.openAt(db.cairnUrl().replace(host, server.host() + ":" + proxy.port()), 2)) {
            Transactions tx = TxFixtures.transactions(dm, Clock.systemUTC(), new RecordingSleeper());
            AtomicInteger runs = new AtomicInteger();
            AtomicInteger committed = new AtomicInteger();
            AtomicInteger rolledBack = new AtomicInteger();
            Object outcome;
            try {
                outcome = tx.inTransaction("main", TxOptions.defaults().retries(retries), t -> {
                    t.afterCommit(committed::incrementAndGet);
                    t.afterRollback(rolledBack::incrementAndGet);
                    int attempt = runs.incrementAndGet();
                    // the same key every run: a second application would fail, a double count would show
                    t.execute("INSERT INTO audit (id) VALUES (1)");
                    if (attempt == 1) {
                        proxy.arm(cut);
                    }
                    return "ok";
                });
            } catch (CairnException e) {
                outcome = e;
            }
            long rows = ((Number) dm.query("main", "SELECT count(*) FROM audit").firstValue().orElseThrow()).longValue();
            return new Run(runs.get(), committed.get(), rolledBack.get(), rows, outcome, proxy.cuts());
        }
    }

    @Test
    void postgresCommitRanButTheAnswerWasLostIsReportedAsSuccessOnce() throws Exception {
        Run run = cut(pg, DatabaseType.POSTGRESQL, pg.jdbcUrl(), Cut.AFTER_SERVER_RAN_COMMIT, 3);
        assertThat(run.cuts()).isEqualTo(1);
        assertThat(run.resultOrError()).isEqualTo("ok");
        assertThat(run.runs()).isEqualTo(1);
        assertThat(run.rows()).isEqualTo(1);
        assertThat(run.committedHooks()).isEqualTo(1);
        assertThat(run.rolledBackHooks()).isZero();
    }

    @Test
    void postgresCommitThatNeverArrivedIsRolledBackThenRetriedOnce() throws Exception {
        Run run = cut(pg, DatabaseType.POSTGRESQL, pg.jdbcUrl(), Cut.BEFORE_SERVER_SEES_COMMIT, 3);
        assertThat(run.cuts()).isEqualTo(1);
        assertThat(run.resultOrError()).isEqualTo("ok");
        assertThat(run.runs()).isEqualTo(2);
        assertThat(run.rows()).isEqualTo(1);
        assertThat(run.committedHooks()).isEqualTo(1);
        assertThat(run.rolledBackHooks()).isEqualTo(1);
    }

    @Test
    void postgresLostCommitWithoutRetriesLeftSaysNothingWasApplied() throws Exception {
        Run run = cut(pg, DatabaseType.POSTGRESQL, pg.jdbcUrl(), Cut.BEFORE_SERVER_SEES_COMMIT, 0);
        assertThat(run.rows()).isZero();
        assertThat(run.runs()).isEqualTo(1);
        assertThat(run.resultOrError()).isInstanceOf(CairnException.class);
        assertThat(((CairnException) run.resultOrError()).getMessage()).contains("database 'main'")
                .contains("lost during COMMIT, which the server rolled back");
    }

    @Test
    void mariaDbLostCommitIsReportedUnknownAndNeverRerun() throws Exception {
        for (Cut cut : Cut.values()) {
            Run run = cut(maria, DatabaseType.MARIADB, maria.jdbcUrl(), cut, 3);
            assertThat(run.runs()).as(cut.name()).isEqualTo(1);
            assertThat(run.rows()).as(cut.name()).isEqualTo(cut == Cut.AFTER_SERVER_RAN_COMMIT ? 1 : 0);
            assertThat(run.committedHooks() + run.rolledBackHooks()).as(cut.name()).isZero();
            assertThat(run.resultOrError()).as(cut.name()).isInstanceOf(CommitOutcomeUnknownException.class);
            CommitOutcomeUnknownException unknown = (CommitOutcomeUnknownException) run.resultOrError();
            assertThat(unknown.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
            assertThat(unknown.db()).isEqualTo("main");
            assertThat(unknown.getMessage()).contains("database 'main': COMMIT_OUTCOME_UNKNOWN")
                    .contains("did not run it again").doesNotContain(maria.password().isEmpty() ? "\u0000" : maria.password());
        }
    }
}
