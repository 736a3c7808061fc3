package io.cairn.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cairn.testkit.Await;
import io.cairn.testkit.RedisExtension;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisIntegrationTest {
    @RegisterExtension
    static final RedisExtension redis = RedisExtension.builder().password("redis-test-pw").build();

    private final TestConfigs.RecordingSleeper sleeper = new TestConfigs.RecordingSleeper();
    private DataManager dm;

    @BeforeEach
    void open() {
        dm = DataManager.builder(TestConfigs.databases().add("cache", "redis", redis).config()).sleeper(sleeper).open();
    }

    @AfterEach
    void close() {
        dm.close();
    }

    @Test
    void runsNativeCommands() {
        assertThat(dm.queryDatabase("cache", "SET", "user:1", "ann")).isEqualTo("OK");
        assertThat(dm.queryDatabase("cache", "GET", "user:1")).isEqualTo("ann");
        assertThat(dm.queryDatabase("cache", "GET", "user:missing")).isNull();
        assertThat(dm.queryDatabase("cache", "del", "n")).isInstanceOf(Long.class);
        assertThat(dm.queryDatabase("cache", "INCRBY", "n", 5)).isEqualTo(5L);
        dm.queryDatabase("cache", "DEL", "list");
        dm.queryDatabase("cache", "RPUSH", "list", "a", "b", "c");
        assertThat(dm.queryDatabase("cache", "LRANGE", "list", 0, -1)).isEqualTo(List.of("a", "b", "c"));
        // a command Lettuce has no enum constant for still goes through
        assertThat(dm.queryDatabase("cache", "LPOS", "list", "b")).isEqualTo(1L);
    }

    @Test
    void errorRepliesAreDatabaseErrors() {
        dm.queryDatabase("cache", "SET", "text", "x");

        CairnException e = catchThrowableOfType(() -> dm.queryDatabase("cache", "LPUSH", "text", "y"), CairnException.class);

        assertThat(e.code()).isEqualTo(ErrorCode.DATABASE_ERROR);
        assertThat(e.getMessage()).startsWith("database 'cache': WRONGTYPE").endsWith("(command LPUSH)");
    }

    @Test
    void sqlCallsAndConnectionStateCommandsAreUsageErrors() {
        CairnException sql = catchThrowableOfType(() -> dm.query("cache", "SELECT 1"), CairnException.class);
        CairnException select = catchThrowableOfType(() -> dm.queryDatabase("cache", "SELECT", 2), CairnException.class);

        assertThat(sql.code()).isEqualTo(ErrorCode.USAGE);
        assertThat(sql.getMessage()).isEqualTo("database 'cache' is a redis database; query needs a SQL database "
                + "(use queryDatabase(\"cache\", ...) for native commands)");
        assertThat(select.code()).isEqualTo(ErrorCode.USAGE);
        assertThat(dm.unwrap("cache", RedisClient.class)).isNotNull();
    }

    @Test
    void wrongPasswordIsAuthenticationFailed() {
        try (DataManager bad = DataManager.builder(TestConfigs.databases().add("cache", "redis", redis.cairnUrl(), "nope-nope")
                .config()).sleeper(sleeper).open()) {
            CairnException e = catchThrowableOfType(() -> bad.queryDatabase("cache", "PING"), CairnException.class);

            assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED);
            assertThat(e.getMessage()).startsWith("database 'cache': password authentication failed").doesNotContain("nope-nope");
            assertThat(sleeper.waits()).isEmpty();
        }
    }

    @Test
    void killedServerIsDownThenUpAgainAfterRestart() {
        // a health check is bounded by connect-timeout, first checks too, and Lettuce's start-up in a
        // cold JVM on a busy machine can take longer than that: a command (retried, unbounded by
        // health) pays for it first, so the checks below measure the server, not class loading
        assertThat(dm.queryDatabase("cache", "PING")).isEqualTo("PONG");
        assertThat(dm.health("cache").status()).isEqualTo(HealthStatus.UP);
        assertThat(dm.health("cache").serverVersion()).hasValueSatisfying(v -> assertThat(v).startsWith("Redis "));

        redis.kill();
        Await.until(Duration.ofSeconds(10), "'cache' to report DOWN", () -> dm.health("cache"),
                health -> health.status() == HealthStatus.DOWN);
        CairnException e = catchThrowableOfType(() -> dm.queryDatabase("cache", "GET", "k"), CairnException.class);
        assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);

        redis.start();
        Await.until(Duration.ofSeconds(20), "'cache' to be up again", () -> dm.health("cache"), health -> health.isUp());
        assertThat(dm.queryDatabase("cache", "PING")).isEqualTo("PONG");
    }
}
