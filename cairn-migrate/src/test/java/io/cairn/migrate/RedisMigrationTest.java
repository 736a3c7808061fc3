package io.cairn.migrate;

import static io.cairn.migrate.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseType;
import io.cairn.testkit.RedisExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Redis migrations on a real redis-server: commands per line, history hash, lease, undo. */
class RedisMigrationTest {
    @RegisterExtension
    static final RedisExtension redis = RedisExtension.create();

    @TempDir
    Path root;
    Path dir;
    DataManager dm;

    @BeforeEach
    void open() {
        dm = Fixtures.open(redis, DatabaseType.REDIS, redis.cairnUrl());
        dm.queryDatabase("db", "FLUSHDB");
        dir = root.resolve("db");
    }

    @AfterEach
    void close() {
        dm.close();
    }

    private Migrations migrations() {
        return Migrations.builder(dm).location(root).build();
    }

    private Object redis(String command, Object... args) {
        return dm.queryDatabase("db", command, args);
    }

    @Test
    void appliesCommandsWithQuotedArgumentsRecordsHistoryAndUndoes() {
        write(dir, "V1__seed_flags.redis", """
                # feature flags
                HSET flags checkout on "new ui" 'off'
                SET greeting "hello\\nworld \\"quoted\\""

                RPUSH queue a b c
                """);
        write(dir, "U1__seed_flags.redis", "DEL flags greeting queue\n");
        write(dir, "V2__counter.redis", "SET counter 10\nINCRBY counter 5\n");
        write(dir, "U2__counter.redis", "DEL counter\n");

        MigrateResult result = migrations().migrate("db");
        assertThat(result.applied()).extracting(AppliedMigration::statements).containsExactly(3, 2);
        assertThat(redis("HGET", "flags", "new ui")).isEqualTo("off");
        assertThat(redis("GET", "greeting")).isEqualTo("hello\nworld \"quoted\"");
        assertThat(redis("GET", "counter")).isEqualTo("15");
        assertThat((Long) redis("HLEN", "cairn:schema_history")).isEqualTo(2);
        assertThat(redis("EXISTS", "cairn:schema_history:lock")).isEqualTo(0L);
        assertThat(migrations().migrate("db").applied()).isEmpty();

        UndoResult undo = migrations().undoTo("db", MigrationVersion.parse("0"));
        assertThat(undo.undone()).extracting(AppliedMigration::script).containsExactly("U2__counter.redis", "U1__seed_flags.redis");
        assertThat(redis("EXISTS", "flags")).isEqualTo(0L);
        assertThat(migrations().info("db").pending()).isEqualTo(2);
        assertThat(migrations().migrate("db").currentVersion()).contains("2");
    }

    @Test
    void failingCommandIsRecordedNamedByLineAndRepairable() {
        write(dir, "V1__list.redis", "RPUSH items a\n");
        write(dir, "V2__bad.redis", "SET ok 1\n\nINCR items\nSET never 1\n");

        assertThatThrownBy(() -> migrations().migrate("db")).isInstanceOfSatisfying(CairnException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.DATABASE_ERROR);
            assertThat(e.getMessage()).startsWith("database 'db': V2__bad.redis:3: ").contains("WRONGTYPE")
                    .contains("cairn migrate repair --db db");
        });
        assertThat(redis("GET", "ok")).isEqualTo("1");
        assertThat(redis("EXISTS", "never")).isEqualTo(0L);
        InfoResult info = migrations().info("db");
        assertThat(info.failed()).isEqualTo(1);

        write(dir, "V2__bad.redis", "SET ok 1\n\nINCR counter\nSET never 1\n");
        RepairResult repair = migrations().repair("db");
        assertThat(repair.removedFailed()).containsExactly("V2__bad.redis");
        assertThat(migrations().migrate("db").applied()).extracting(AppliedMigration::script).containsExactly("V2__bad.redis");
        assertThat(redis("GET", "never")).isEqualTo("1");
    }

    @Test
    void driftRefusesMigrateAndUnbalancedQuotesAreReported() {
        write(dir, "V1__a.redis", "SET a 1\n");
        migrations().migrate("db");
        write(dir, "V1__a.redis", "SET a 2\n");
        assertThatThrownBy(() -> migrations().migrate("db")).hasMessageContaining("V1__a.redis was changed");
        migrations().repair("db");

        write(dir, "V2__quotes.redis", "SET b \"unclosed\n");
        assertThatThrownBy(() -> migrations().dryRun("db")).hasMessageContaining("V2__quotes.redis:1: unbalanced quotes");
    }

    @Test
    void dryRunListsTheCommandsMigrateRuns() {
        write(dir, "V1__a.redis", "SET a 1\nSET b 2\n");
        write(dir, "R__flags.redis", "HSET flags x 1\n");
        DryRunResult plan = migrations().dryRun("db");
        List<String> planned = new ArrayList<>();
        plan.migrations().forEach(m -> m.statements().forEach(s -> planned.add(m.script() + ":" + s.line() + ":" + s.text())));
        assertThat(planned).containsExactly("V1__a.redis:1:SET a 1", "V1__a.redis:2:SET b 2", "R__flags.redis:1:HSET flags x 1");
        assertThat(redis("EXISTS", "a")).isEqualTo(0L);

        List<String> ran = new ArrayList<>();
        Migrations.builder(dm).location(root).listener(new MigrationListener() {
            @Override
            public void beforeStatement(String database, String script, PlannedStatement statement) {
                ran.add(script + ":" + statement.line() + ":" + statement.text());
            }
        }).build().migrate("db");
        assertThat(ran).isEqualTo(planned);
    }

    @Test
    void aHeldLeaseMakesAnImpatientMigratorFailWithLocked() {
        write(dir, "V1__a.redis", "SET a 1\n");
        redis("SET", "cairn:schema_history:lock", "other-host:1:abcd", "PX", 60000);
        assertThatThrownBy(() -> Migrations.builder(dm).location(root).lockTimeout(java.time.Duration.ZERO).build().migrate("db"))
                .isInstanceOfSatisfying(CairnException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LOCKED);
                    assertThat(e.getMessage()).contains("other-host:1:abcd");
                });
        redis("DEL", "cairn:schema_history:lock");
        assertThat(migrations().migrate("db").applied()).hasSize(1);
    }
}
