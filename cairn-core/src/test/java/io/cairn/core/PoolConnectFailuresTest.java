package io.cairn.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cairn.core.failure.JdbcFailures;
import io.cairn.testkit.net.FullBacklogListener;
import io.cairn.testkit.net.SilentListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Connect failures through the pool (issue 12, items 2 and 3): a server that never answers, a
 * full backlog (SYNs dropped) and a closed port read like any other connect failure, naming the
 * address, never as an exhausted pool; a silent server costs about one connect-timeout (a connect
 * that timed out is not retried), a refused one only the retry backoff. The pool keeps its default
 * connection-timeout (5s), longer than the connect-timeout, as users run it. Both ways the
 * migrations and dumps borrow (withConnection, query) are checked. Bounds are relative to the
 * configured connect-timeout with slack for a loaded machine.
 */
class PoolConnectFailuresTest {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration BOUND = CONNECT_TIMEOUT.multipliedBy(2).plusSeconds(2);

    private final TestConfigs.RecordingSleeper sleeper = new TestConfigs.RecordingSleeper();

    @Test
    void aSilentServerIsACannotConnectWithinTheConnectTimeout() throws Exception {
        try (SilentListener silent = new SilentListener()) {
            assertNoAnswer(silent.port());
        }
    }

    @Test
    void aFullBacklogIsACannotConnectWithinTheConnectTimeout() throws Exception {
        try (FullBacklogListener full = new FullBacklogListener()) {
            assertNoAnswer(full.port());
        }
    }

    @Test
    void aRefusedConnectFailsAfterTheRetryBackoffOnly() {
        int port = TestConfigs.closedPort();
        for (Operation operation : Operation.values()) {
            try (DataManager dm = open(port)) {
                long start = System.nanoTime();
                CairnException e = catchThrowableOfType(() -> operation.run(dm), CairnException.class);
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.CONNECTION_FAILED);
                assertThat(e.getMessage()).isEqualTo("database 'db': cannot connect to 127.0.0.1:" + port
                        + ": connection refused (gave up after 3 attempts, connect timeout 2s; is the server running and "
                        + "is url: in cairn.yaml right?)");
                // the waits are recorded, not spent: what is left is three refused connects
                assertThat(took).as(operation.name()).isLessThan(CONNECT_TIMEOUT);
                assertThat(sleeper.waits()).hasSize(2 * (operation.ordinal() + 1));
            }
        }
    }

    @Test
    void aPoolTimeoutWithNoConnectionIsACannotConnectNotExhaustion() throws Exception {
        // the pool gives up (1s) before the connect under way does (2s): HikariCP has no failure to name
        try (SilentListener silent = new SilentListener();
             DataManager dm = DataManager.open(TestConfigs.databases().add("db", "postgresql",
                     "postgresql://app@127.0.0.1:" + silent.port() + "/app", "pw",
                     "connect-timeout: 2s, pool: { connection-timeout: 1s }, retry: { attempts: 1 }").config())) {
            SQLException timeout = catchThrowableOfType(() -> dm.dataSource("db").getConnection().close(), SQLException.class);

            CairnException e = JdbcFailures.of(dm.config().database("db")).connecting(timeout).toException();

            assertThat(e.getMessage()).startsWith("database 'db': cannot connect to 127.0.0.1:" + silent.port()
                    + ": no answer within 1s").doesNotContain("no free connection");
        }
    }

    private void assertNoAnswer(int port) {
        for (Operation operation : Operation.values()) {
            try (DataManager dm = open(port)) {
                long start = System.nanoTime();
                CairnException e = catchThrowableOfType(() -> operation.run(dm), CairnException.class);
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(e).as(operation.name()).isNotNull();
                assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.CONNECTION_FAILED);
                assertThat(e.exitCode()).isEqualTo(3);
                assertThat(e.getMessage()).isEqualTo("database 'db': cannot connect to 127.0.0.1:" + port
                        + ": no answer within 2s (connect timeout 2s; is the server running and is url: in cairn.yaml right?)");
                assertThat(took).as(operation.name() + ": " + e.getMessage()).isLessThan(BOUND);
                assertThat(sleeper.waits()).as("a connect that timed out is not tried again").isEmpty();
            }
        }
    }

    private DataManager open(int port) {
        return DataManager.builder(TestConfigs.databases().add("db", "postgresql", "postgresql://app@127.0.0.1:" + port + "/app",
                "pw", "connect-timeout: " + CONNECT_TIMEOUT.toSeconds() + "s").config()).sleeper(sleeper).open();
    }

    /** How migrations (a lent connection) and dumps (queries) reach the database. */
    enum Operation {
        WITH_CONNECTION(dm -> dm.withConnection("db", (Connection connection) -> connection.isValid(0))),
        QUERY(dm -> dm.query("db", "SELECT 1"));

        private final Consumer<DataManager> call;

        Operation(Consumer<DataManager> call) {
            this.call = call;
        }

        void run(DataManager dm) {
            call.accept(dm);
        }
    }
}
