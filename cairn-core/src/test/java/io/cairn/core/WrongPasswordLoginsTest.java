package io.cairn.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cairn.testkit.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A rejected password through the pool is one login, counted in the server's own log, and fails
 * at once as AUTHENTICATION_FAILED (issue 12, item 3): HikariCP, left to itself, keeps logging in
 * again for its whole connection-timeout, which trips fail2ban or an account lockout.
 */
class WrongPasswordLoginsTest {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.builder().setting("log_connections", "on").build();

    @Test
    void eachOperationWithAWrongPasswordLogsInOnceAndFailsAtOnce() throws IOException {
        String wrong = "not-the-password-" + System.nanoTime();
        List<Consumer<DataManager>> operations = List.of(
                dm -> dm.withConnection("main", (Connection connection) -> connection.isValid(0)),
                dm -> dm.query("main", "SELECT 1"));
        for (Consumer<DataManager> operation : operations) {
            TestConfigs.RecordingSleeper sleeper = new TestConfigs.RecordingSleeper();
            try (DataManager dm = DataManager.builder(TestConfigs.databases().add("main", "postgresql", pg.cairnUrl(), wrong,
                    "connect-timeout: " + CONNECT_TIMEOUT.toSeconds() + "s").config()).sleeper(sleeper).open()) {
                long before = failedLogins();
                long start = System.nanoTime();
                CairnException e = catchThrowableOfType(() -> operation.accept(dm), CairnException.class);
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED);
                assertThat(e.exitCode()).isEqualTo(4);
                assertThat(e.getMessage()).startsWith("database 'main': password authentication failed for user '" + pg.user())
                        .doesNotContain(wrong);
                assertThat(failedLogins() - before).as("failed logins in the server log").isEqualTo(1);
                assertThat(took).isLessThan(CONNECT_TIMEOUT);
                assertThat(sleeper.waits()).isEmpty();
            }
        }
    }

    /** FATAL lines for a rejected password in the server's log so far. */
    private static long failedLogins() throws IOException {
        Path log = pg.directory().resolve("postgres.log");
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.contains("FATAL") && line.contains("password authentication failed")).count();
        }
    }
}
