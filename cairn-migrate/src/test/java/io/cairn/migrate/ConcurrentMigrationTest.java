package io.cairn.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseType;
import io.cairn.testkit.Await;
import io.cairn.testkit.MariaDbExtension;
import io.cairn.testkit.MongoExtension;
import io.cairn.testkit.PostgresExtension;
import io.cairn.testkit.RedisExtension;
import io.cairn.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two migrators on one database, on each of the four databases: as two threads with their own
 * DataManagers, as two JVMs, and a JVM killed with -9 while it holds the lock. One applies, the
 * other waits and then finds nothing to do; a killed migrator never leaves its lock behind. On
 * PostgreSQL its transaction rolls back and the next run is clean; elsewhere its entry stays
 * failed, so the next run refuses until repair.
 */
class ConcurrentMigrationTest {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.create();
    @RegisterExtension
    static final MariaDbExtension mariadb = MariaDbExtension.create();
    @RegisterExtension
    static final RedisExtension redis = RedisExtension.create();
    @RegisterExtension
    static final MongoExtension mongo = MongoExtension.create();

    private static final AtomicInteger MONGO_DATABASES = new AtomicInteger();
    private static final long LEASE_MILLIS = 2000;

    @TempDir
    Path root;

    enum Kind { POSTGRESQL, MARIADB, REDIS, MONGODB }

    /** One database of one kind, fresh for the test. */
    private record Target(Kind kind, TestServer server, DatabaseType type, String url) {
        DataManager open() {
            return Fixtures.open(server, type, url);
        }

        String extension() {
            return switch (kind) {
                case REDIS -> "redis";
                case MONGODB -> "json";
                default -> "sql";
            };
        }

        String create(String name) {
            return switch (kind) {
                case REDIS -> "SET " + name + " 1\n";
                case MONGODB -> "[{\"createCollection\": \"" + name + "\"}]";
                default -> "CREATE TABLE " + name + " (id INT);";
            };
        }
    }

    private Target target(Kind kind) {
        return switch (kind) {
            case POSTGRESQL -> new Target(kind, pg, DatabaseType.POSTGRESQL, Fixtures.freshSqlDatabase(pg, pg.jdbcUrl(), pg.cairnUrl()));
            case MARIADB -> new Target(kind, mariadb, DatabaseType.MARIADB,
                    Fixtures.freshSqlDatabase(mariadb, mariadb.jdbcUrl(), mariadb.cairnUrl()));
            case REDIS -> {
                try (DataManager dm = Fixtures.open(redis, DatabaseType.REDIS, redis.cairnUrl())) {
                    dm.queryDatabase("db", "FLUSHDB");
                }
                yield new Target(kind, redis, DatabaseType.REDIS, redis.cairnUrl());
            }
            case MONGODB -> new Target(kind, mongo, DatabaseType.MONGODB,
                    "mongodb://" + mongo.host() + ":" + mongo.port() + "/c" + MONGO_DATABASES.incrementAndGet());
        };
    }

    private Path files(Target target) {
        Path dir = root.resolve("db");
        Fixtures.write(dir, "V1__first." + target.extension(), target.create("first"));
        Fixtures.write(dir, "V3__third." + target.extension(), target.create("third"));
        return dir;
    }

    /** True once a second migrator is visibly waiting for the lock held by the first. */
    private static boolean waiting(Target target, DataManager dm, Thread waiter) {
        return switch (target.kind()) {
            case POSTGRESQL -> ((Number) dm.query("db", "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                    + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())").firstValue().orElseThrow())
                    .longValue() > 0;
            case MARIADB -> ((Number) dm.query("db", "SELECT count(*) FROM information_schema.processlist "
                    + "WHERE info LIKE 'SELECT GET_LOCK%'").firstValue().orElseThrow()).longValue() > 0;
            default -> Arrays.stream(waiter.getStackTrace()).anyMatch(frame ->
                    frame.getClassName().endsWith("LeaseLock") && frame.getMethodName().equals("acquire"));
        };
    }

    /** V2 as a Java migration: the first migrator's blocks until released, the second's must never run. */
    private record Gate(CountDownLatch entered, CountDownLatch release, AtomicInteger runs) implements JavaMigration {
        @Override
        public String version() {
            return "2";
        }

        @Override
        public String description() {
            return "gate";
        }

        @Override
        public void migrate(MigrationContext context) throws Exception {
            runs.incrementAndGet();
            entered.countDown();
            if (!release.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void twoThreadsOneAppliesTheOtherWaitsAndFindsNothingToDo(Kind kind) throws Exception {
        Target target = target(kind);
        files(target);
        AtomicInteger runs = new AtomicInteger();
        Gate gate = new Gate(new CountDownLatch(1), new CountDownLatch(1), runs);
        Gate never = new Gate(new CountDownLatch(1), new CountDownLatch(0), runs);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (DataManager first = target.open(); DataManager second = target.open()) {
            Future<MigrateResult> a = threads.submit(() -> Migrations.builder(first).location(root)
                    .lease(Duration.ofMillis(LEASE_MILLIS)).javaMigration("db", gate).build().migrate("db"));
            assertThat(gate.entered().await(30, TimeUnit.SECONDS)).isTrue();
            Thread[] waiter = new Thread[1];
            Future<MigrateResult> b = threads.submit(() -> {
                waiter[0] = Thread.currentThread();
                return Migrations.builder(second).location(root).lease(Duration.ofMillis(LEASE_MILLIS))
                        .javaMigration("db", never).build().migrate("db");
            });
            Await.until(Duration.ofSeconds(30), "the second migrator to wait for the lock",
                    () -> waiter[0] != null && waiting(target, first, waiter[0]));
            assertThat(b.isDone()).isFalse();
            gate.release().countDown();

            assertThat(a.get(60, TimeUnit.SECONDS).applied()).extracting(AppliedMigration::version)
                    .containsExactly(java.util.Optional.of("1"), java.util.Optional.of("2"), java.util.Optional.of("3"));
            MigrateResult late = b.get(60, TimeUnit.SECONDS);
            assertThat(late.applied()).isEmpty();
            assertThat(late.currentVersion()).contains("3");
            assertThat(runs.get()).isEqualTo(1);
            assertThat(Migrations.builder(first).location(root).javaMigration("db", never).build().info("db").applied()).isEqualTo(3);
        } finally {
            threads.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void twoProcessesOneAppliesTheOtherFindsNothingToDo(Kind kind) throws Exception {
        Target target = target(kind);
        Path dir = files(target);
        Path release = root.resolve("release");
        try (ChildMigrator first = ChildMigrator.start(target.type().configName(), target.url(), target.server().password(),
                root, LEASE_MILLIS, "2", release.toString())) {
            first.await("GATE", 60);
            try (ChildMigrator second = ChildMigrator.start(target.type().configName(), target.url(),
                    target.server().password(), root, LEASE_MILLIS, "2", release.toString());
                 DataManager dm = target.open()) {
                if (kind == Kind.POSTGRESQL || kind == Kind.MARIADB) {
                    Await.until(Duration.ofSeconds(60), "the second process to wait for the lock", () -> waiting(target, dm, null));
                }
                Files.writeString(release, "go");
                assertThat(first.await("DONE", 60)).isEqualTo("DONE 3");
                assertThat(second.await("DONE", 60)).isEqualTo("DONE 0");
                assertThat(first.waitFor(30)).isZero();
                assertThat(second.waitFor(30)).isZero();
                InfoResult info = Migrations.builder(dm).location(root).javaMigration("db", new MigratorMain.Gate("2", release))
                        .build().info("db");
                assertThat(info.migrations()).extracting(InfoRow::state).containsOnly(MigrationState.APPLIED).hasSize(3);
            }
        }
        assertThat(dir).exists();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aMigratorKilledWhileHoldingTheLockNeverBlocksTheNextRun(Kind kind) throws Exception {
        Target target = target(kind);
        Path dir = files(target);
        try (DataManager dm = target.open()) {
            List<String> childGate;
            if (kind == Kind.POSTGRESQL) {
                // killed in the middle of a long statement, not just while idle
                dm.execute("db", "CREATE TABLE control (seconds int)");
                dm.execute("db", "INSERT INTO control VALUES (600)");
                Fixtures.write(dir, "V2__slow.sql", "CREATE TABLE second (id int);\nSELECT pg_sleep((SELECT seconds FROM control));");
                childGate = List.of();
            } else {
                childGate = List.of("2", root.resolve("never-released").toString());
            }
            try (ChildMigrator child = ChildMigrator.start(target.type().configName(), target.url(),
                    target.server().password(), root, LEASE_MILLIS, childGate.toArray(String[]::new))) {
                child.await(kind == Kind.POSTGRESQL ? "STATEMENT V2__slow.sql:2" : "GATE", 60);
                child.kill();
            }
            if (kind == Kind.POSTGRESQL) {
                dm.execute("db", "UPDATE control SET seconds = 0");
            }
            Migrations.Builder next = Migrations.builder(dm).location(root).lockTimeout(Duration.ofSeconds(60))
                    .lease(Duration.ofMillis(LEASE_MILLIS));
            if (kind != Kind.POSTGRESQL) {
                next.javaMigration("db", new MigratorMain.Gate("2", root));
            }
            if (kind != Kind.POSTGRESQL) {
                // no transaction could undo what the killed migrator did: its V2 entry stays failed,
                // and migrate refuses to run V2 again on top of it until repair (or undo) is run
                assertThatThrownBy(() -> next.build().migrate("db")).isInstanceOfSatisfying(CairnException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PRECONDITION);
                    assertThat(e.getMessage()).contains("was interrupted").contains("cairn migrate repair --db db");
                });
                assertThat(next.build().repair("db").removedFailed()).containsExactly(MigratorMain.Gate.class.getName());
            }
            MigrateResult result = next.build().migrate("db");
            assertThat(result.initialVersion()).contains("1");
            assertThat(result.applied()).extracting(AppliedMigration::version)
                    .containsExactly(java.util.Optional.of("2"), java.util.Optional.of("3"));
            ValidateResult validate = next.build().validate("db");
            assertThat(validate.problems()).as("no failed entry is left behind").isEmpty();
        }
    }

}
