package io.cairn.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cairn.testkit.net.SilentListener;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A database whose server accepts TCP connections and never answers must fail within its
 * connect-timeout (plus a margin), as a connection failure that says so, for every database type.
 * The pool's connection-timeout is left at its default (5s, longer than the connect-timeout), so
 * a driver that ignored the connect-timeout would show up as a slow "no free connection" error.
 * One attempt: this bounds one connect, not the retry schedule.
 */
class ConnectTimeoutTest {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration MARGIN = Duration.ofSeconds(3);

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "postgresql, postgresql://app@127.0.0.1:%d/app, SELECT 1",
            "mariadb,    mariadb://app@127.0.0.1:%d/app,    SELECT 1",
            "redis,      redis://127.0.0.1:%d/0,            PING",
            "mongodb,    mongodb://127.0.0.1:%d/app,        '{\"ping\": 1}'"})
    void anOperationOnASilentServerFailsWithinTheConnectTimeout(String type, String url, String command)
            throws IOException {
        try (SilentListener silent = new SilentListener();
             DataManager dm = DataManager.open(config(type, url, silent.port()))) {
            long start = System.nanoTime();
            CairnException e = catchThrowableOfType(() -> dm.queryDatabase("db", command), CairnException.class);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(e).as("no failure from a server that never answers").isNotNull();
            assertThat(took).as(e.getMessage()).isLessThan(CONNECT_TIMEOUT.plus(MARGIN));
            assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.CONNECTION_FAILED);
            assertThat(e.exitCode()).isEqualTo(3);
            assertThat(e.getMessage()).startsWith("database 'db': cannot connect to 127.0.0.1:" + silent.port())
                    .doesNotContain("no free connection").doesNotContain("pool");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "postgresql, postgresql://app@127.0.0.1:%d/app",
            "mariadb,    mariadb://app@127.0.0.1:%d/app",
            "redis,      redis://127.0.0.1:%d/0",
            "mongodb,    mongodb://127.0.0.1:%d/app"})
    void aHealthCheckOfASilentServerIsDownWithinTheConnectTimeout(String type, String url) throws IOException {
        try (SilentListener silent = new SilentListener();
             DataManager dm = DataManager.open(config(type, url, silent.port()))) {
            long start = System.nanoTime();
            DatabaseHealth health = dm.health("db");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(health.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(took).isLessThan(CONNECT_TIMEOUT.plus(MARGIN));
            assertThat(health.error()).hasValueSatisfying(m -> assertThat(m).doesNotContain("no free connection"));
        }
    }

    private static io.cairn.core.config.CairnConfig config(String type, String url, int port) {
        return TestConfigs.databases().add("db", type, url.formatted(port), type.equals("redis")
                        || type.equals("mongodb") ? null : "pw",
                "connect-timeout: " + CONNECT_TIMEOUT.toSeconds() + "s, retry: { attempts: 1 }").config();
    }
}
