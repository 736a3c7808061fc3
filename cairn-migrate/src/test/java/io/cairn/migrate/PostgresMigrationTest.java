package io.cairn.migrate;

import static io.cairn.migrate.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseType;
import io.cairn.testkit.PostgresExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Migrations on a real PostgreSQL 15: every test gets its own database and migration directory. */
class PostgresMigrationTest {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.create();

    @TempDir
    Path root;
    Path dir;
    DataManager dm;

    @BeforeEach
    void openDatabase() {
        dm = Fixtures.open(pg, DatabaseType.POSTGRESQL, Fixtures.freshSqlDatabase(pg, pg.jdbcUrl(), pg.cairnUrl()));
        dir = root.resolve("db");
    }

    @AfterEach
    void close() {
        dm.close();
    }

    private Migrations migrations() {
        return Migrations.builder(dm).location(root).build();
    }

    private long count(String sql) {
        return ((Number) dm.query("db", sql).firstValue().orElseThrow()).longValue();
    }

    private boolean tableExists(String name) {
        return count("SELECT count(*) FROM pg_tables WHERE tablename = '" + name + "'") == 1;
    }

    @Test
    void appliesVersionedThenRepeatableInNumericOrderAndRecordsHistory() {
        write(dir, "V1__create_users.sql", "CREATE TABLE users (id int PRIMARY KEY, name text);");
        write(dir, "V1.9__second.sql", "INSERT INTO users VALUES (1, 'a');");
        write(dir, "V1.10__third.sql", "INSERT INTO users VALUES (2, 'b');");
        write(dir, "V2.0.3__add_email.sql", "ALTER TABLE users ADD COLUMN email text;");
        write(dir, "R__users_view.sql", "CREATE OR REPLACE VIEW user_names AS SELECT name FROM users;");
        write(dir, "README.md", "not a migration");

        MigrateResult result = migrations().migrate("db");

        assertThat(result.applied()).extracting(AppliedMigration::script).containsExactly("V1__create_users.sql",
                "V1.9__second.sql", "V1.10__third.sql", "V2.0.3__add_email.sql", "R__users_view.sql");
        assertThat(result.initialVersion()).isEmpty();
        assertThat(result.currentVersion()).contains("2.0.3");
        assertThat(count("SELECT count(*) FROM user_names")).isEqualTo(2);
        var rows = dm.query("db", "SELECT version, description, type, script, checksum, installed_by, success "
                + "FROM cairn_schema_history ORDER BY installed_rank").rowMaps();
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0)).containsEntry("version", "1").containsEntry("description", "create users")
                .containsEntry("type", "SQL").containsEntry("installed_by", pg.user()).containsEntry("success", true);
        assertThat(rows.get(4)).containsEntry("version", null).containsEntry("script", "R__users_view.sql");

        MigrateResult again = migrations().migrate("db");
        assertThat(again.applied()).isEmpty();
        assertThat(again.currentVersion()).contains("2.0.3");
        InfoResult info = migrations().info("db");
        assertThat(info.migrations()).extracting(InfoRow::state).containsOnly(MigrationState.APPLIED);
        assertThat(info.applied()).isEqualTo(5);
    }

    @Test
    void failingFileRollsBackEntirelyAndNamesFileAndLine() {
        write(dir, "V1__base.sql", "CREATE TABLE a (id int);");
        write(dir, "V2__broken.sql", "CREATE TABLE b (id int);\nINSERT INTO b VALUES (1);\n\nINSERT INTO missing_table VALUES (1);\n");

        assertThatThrownBy(() -> migrations().migrate("db"))
                .isInstanceOfSatisfying(CairnException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DATABASE_ERROR);
                    assertThat(e.getMessage()).startsWith("database 'db': V2__broken.sql:4: ")
                            .contains("relation \"missing_table\" does not exist").contains("rolled back")
                            .doesNotContain("\n");
                });
        assertThat(tableExists("a")).isTrue();
        assertThat(tableExists("b")).isFalse();
        assertThat(count("SELECT count(*) FROM cairn_schema_history")).isEqualTo(1);

        write(dir, "V2__broken.sql", "CREATE TABLE b (id int);\nINSERT INTO b VALUES (1);\n");
        assertThat(migrations().migrate("db").currentVersion()).contains("2");
        assertThat(tableExists("b")).isTrue();
    }

    @Test
    void noTransactionMarkerAllowsCreateIndexConcurrently() {
        write(dir, "V1__table.sql", "CREATE TABLE t (id int);");
        write(dir, "V2__index.sql", "CREATE INDEX CONCURRENTLY t_id ON t (id);");
        assertThatThrownBy(() -> migrations().migrate("db")).isInstanceOf(CairnException.class)
                .hasMessageContaining("V2__index.sql:1").hasMessageContaining("-- cairn:no-transaction");

        write(dir, "V2__index.sql", "-- cairn:no-transaction\nCREATE INDEX CONCURRENTLY t_id ON t (id);");
        DryRunResult plan = migrations().dryRun("db");
        assertThat(plan.migrations()).singleElement().satisfies(m -> assertThat(m.transactional()).isFalse());
        migrations().migrate("db");
        assertThat(count("SELECT count(*) FROM pg_indexes WHERE indexname = 't_id'")).isEqualTo(1);
    }

    @Test
    void failureInNoTransactionFileIsRecordedAndExplained() {
        write(dir, "V1__partial.sql", "-- cairn:no-transaction\nCREATE TABLE p1 (id int);\nCREATE TABLE p1 (id int);\n");
        write(dir, "U1__partial.sql", "DROP TABLE IF EXISTS p1;");

        assertThatThrownBy(() -> migrations().migrate("db")).isInstanceOf(CairnException.class)
                .hasMessageContaining("V1__partial.sql:3").hasMessageContaining("already exists")
                .hasMessageContaining("cairn migrate undo --db db").hasMessageContaining("U1__partial.sql");
        assertThat(tableExists("p1")).isTrue();
        ValidateResult validate = migrations().validate("db");
        assertThat(validate.valid()).isFalse();
        assertThat(validate.problems()).singleElement().satisfies(p -> assertThat(p.kind()).isEqualTo(ValidationProblem.Kind.FAILED));
        assertThatThrownBy(() -> migrations().migrate("db")).isInstanceOfSatisfying(CairnException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.PRECONDITION));

        // the way out: undo runs U1 on the failed version, then a fixed file applies
        assertThat(migrations().undo("db").undone()).extracting(AppliedMigration::script).containsExactly("U1__partial.sql");
        assertThat(tableExists("p1")).isFalse();
        write(dir, "V1__partial.sql", "-- cairn:no-transaction\nCREATE TABLE p1 (id int);\n");
        assertThat(migrations().migrate("db").currentVersion()).contains("1");
    }

    @Test
    void checksumsIgnoreLineEndingsButReportRealDriftUntilRepaired() {
        write(dir, "V1__t.sql", "CREATE TABLE t (id int);\nINSERT INTO t VALUES (1);\n");
        migrations().migrate("db");

        write(dir, "V1__t.sql", "CREATE TABLE t (id int);   \r\nINSERT INTO t VALUES (1);\r\n\r\n");
        assertThat(migrations().validate("db").valid()).isTrue();

        write(dir, "V1__t.sql", "CREATE TABLE t (id int);\nINSERT INTO t VALUES (2);\n");
        ValidateResult validate = migrations().validate("db");
        assertThat(validate.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ValidationProblem.Kind.CHECKSUM_MISMATCH);
            assertThat(p.message()).contains("V1__t.sql").contains("cairn migrate repair --db db");
        });
        assertThat(migrations().info("db").drift()).isEqualTo(1);
        write(dir, "V2__more.sql", "SELECT 1;");
        assertThatThrownBy(() -> migrations().migrate("db")).isInstanceOfSatisfying(CairnException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.PRECONDITION);
            assertThat(e.getMessage()).contains("V1__t.sql was changed after it was applied").contains("repair");
        });

        RepairResult repair = migrations().repair("db");
        assertThat(repair.realigned()).containsExactly("V1__t.sql");
        assertThat(migrations().migrate("db").applied()).extracting(AppliedMigration::script).containsExactly("V2__more.sql");
    }

    @Test
    void missingAppliedFileIsReportedThenMarkedDeletedByRepair() {
        write(dir, "V1__a.sql", "CREATE TABLE a (id int);");
        write(dir, "V2__b.sql", "CREATE TABLE b (id int);");
        write(dir, "V3__c.sql", "CREATE TABLE c (id int);");
        migrations().migrate("db");
        Fixtures.delete(dir, "V2__b.sql");

        ValidateResult validate = migrations().validate("db");
        assertThat(validate.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ValidationProblem.Kind.MISSING_FILE);
            assertThat(p.message()).contains("V2__b.sql").contains("missing");
        });
        assertThat(migrations().repair("db").markedDeleted()).containsExactly("V2__b.sql");
        assertThat(migrations().validate("db").valid()).isTrue();
        assertThat(migrations().info("db").currentVersion()).contains("3");
    }

    @Test
    void newerVersionsAppliedElsewhereAreFutureNotErrors() {
        write(dir, "V1__a.sql", "CREATE TABLE a (id int);");
        write(dir, "V2__b.sql", "CREATE TABLE b (id int);");
        migrations().migrate("db");
        Fixtures.delete(dir, "V2__b.sql");
        InfoResult info = migrations().info("db");
        assertThat(info.migrations()).extracting(InfoRow::state).containsExactly(MigrationState.APPLIED, MigrationState.FUTURE);
        assertThat(migrations().validate("db").valid()).isTrue();
    }

    @Test
    void undoLastAndUndoToUseUFilesAndMigrateReappliesThem() {
        write(dir, "V1__a.sql", "CREATE TABLE a (id int);");
        write(dir, "U1__a.sql", "DROP TABLE a;");
        write(dir, "V2__b.sql", "CREATE TABLE b (id int);");
        write(dir, "U2__b.sql", "DROP TABLE b;");
        write(dir, "V3__c.sql", "CREATE TABLE c (id int);");
        write(dir, "U3__c.sql", "DROP TABLE c;");
        migrations().migrate("db");

        UndoResult last = migrations().undo("db");
        assertThat(last.undone()).extracting(AppliedMigration::script).containsExactly("U3__c.sql");
        assertThat(last.currentVersion()).contains("2");
        assertThat(tableExists("c")).isFalse();

        migrations().migrate("db");
        UndoResult to = migrations().undoTo("db", MigrationVersion.parse("1"));
        assertThat(to.undone()).extracting(AppliedMigration::script).containsExactly("U3__c.sql", "U2__b.sql");
        assertThat(to.currentVersion()).contains("1");
        assertThat(tableExists("b")).isFalse();
        assertThat(migrations().info("db").pending()).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM cairn_schema_history WHERE type = 'UNDO_SQL'")).isEqualTo(3);

        assertThat(migrations().migrate("db").applied()).hasSize(2);
        assertThat(tableExists("c")).isTrue();
    }

    @Test
    void repeatablesRunAgainAfterAnUndoBecauseItMayHaveDroppedWhatTheyCreated() {
        write(dir, "V1__t.sql", "CREATE TABLE t (id int);");
        write(dir, "U1__t.sql", "DROP VIEW IF EXISTS v;\nDROP TABLE t;");
        write(dir, "R__view.sql", "CREATE OR REPLACE VIEW v AS SELECT id FROM t;");
        migrations().migrate("db");
        migrations().undo("db");
        assertThat(migrations().info("db").migrations()).extracting(InfoRow::state)
                .containsExactly(MigrationState.PENDING, MigrationState.OUTDATED);
        assertThat(migrations().migrate("db").applied()).extracting(AppliedMigration::script)
                .containsExactly("V1__t.sql", "R__view.sql");
        assertThat(count("SELECT count(*) FROM v")).isZero();
        assertThat(migrations().migrate("db").applied()).isEmpty();
    }

    @Test
    void undoWithoutUFileNamesTheMissingFileAndUndoesNothing() {
        write(dir, "V1__a.sql", "CREATE TABLE a (id int);");
        write(dir, "U1__a.sql", "DROP TABLE a;");
        write(dir, "V2__add_orders.sql", "CREATE TABLE orders (id int);");
        write(dir, "V3__c.sql", "CREATE TABLE c (id int);");
        write(dir, "U3__c.sql", "DROP TABLE c;");
        migrations().migrate("db");

        assertThatThrownBy(() -> migrations().undoTo("db", MigrationVersion.parse("0")))
                .isInstanceOfSatisfying(CairnException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.getMessage()).contains("U2__add_orders.sql is missing").contains("nothing was undone");
                });
        assertThat(tableExists("c")).isTrue();
    }

    @Test
    void repeatableRunsAgainOnlyWhenItsContentChanges() {
        write(dir, "V1__t.sql", "CREATE TABLE t (id int);");
        write(dir, "R__view.sql", "CREATE OR REPLACE VIEW v AS SELECT id FROM t;");
        migrations().migrate("db");
        write(dir, "R__view.sql", "CREATE OR REPLACE VIEW v AS SELECT id FROM t;   \r\n");
        assertThat(migrations().migrate("db").applied()).isEmpty();

        write(dir, "R__view.sql", "CREATE OR REPLACE VIEW v AS SELECT id, id * 2 AS twice FROM t;");
        assertThat(migrations().info("db").migrations()).extracting(InfoRow::state).contains(MigrationState.OUTDATED);
        assertThat(migrations().migrate("db").applied()).extracting(AppliedMigration::script).containsExactly("R__view.sql");
        assertThat(count("SELECT count(*) FROM information_schema.columns WHERE table_name = 'v'")).isEqualTo(2);
    }

    @Test
    void baselineSkipsVersionsUpToItOnAnExistingDatabase() {
        dm.execute("db", "CREATE TABLE legacy (id int)");
        write(dir, "V1__legacy.sql", "CREATE TABLE legacy (id int);");
        write(dir, "V2__legacy_data.sql", "INSERT INTO legacy VALUES (1);");
        write(dir, "V3__new.sql", "CREATE TABLE fresh (id int);");

        BaselineResult baseline = migrations().baseline("db", MigrationVersion.parse("2"));
        assertThat(baseline.version()).isEqualTo("2");
        assertThat(migrations().info("db").migrations()).extracting(InfoRow::state).containsExactly(
                MigrationState.BASELINE, MigrationState.BELOW_BASELINE, MigrationState.BELOW_BASELINE, MigrationState.PENDING);
        assertThat(migrations().migrate("db").applied()).extracting(AppliedMigration::script).containsExactly("V3__new.sql");
        assertThat(count("SELECT count(*) FROM legacy")).isZero();

        assertThatThrownBy(() -> migrations().baseline("db", MigrationVersion.parse("5")))
                .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PRECONDITION));
    }

    @Test
    void outOfOrderVersionIsRefusedUnlessAllowed() {
        write(dir, "V1__a.sql", "CREATE TABLE a (id int);");
        write(dir, "V3__c.sql", "CREATE TABLE c (id int);");
        migrations().migrate("db");
        write(dir, "V2__b.sql", "CREATE TABLE b (id int);");

        assertThat(migrations().validate("db").problems()).singleElement()
                .satisfies(p -> assertThat(p.kind()).isEqualTo(ValidationProblem.Kind.OUT_OF_ORDER));
        assertThatThrownBy(() -> migrations().migrate("db")).hasMessageContaining("out-of-order");

        MigrateResult result = Migrations.builder(dm).location(root).outOfOrder(true).build().migrate("db");
        assertThat(result.applied()).extracting(AppliedMigration::script).containsExactly("V2__b.sql");
    }

    @Test
    void targetStopsAtTheGivenVersion() {
        write(dir, "V1__a.sql", "CREATE TABLE a (id int);");
        write(dir, "V2__b.sql", "CREATE TABLE b (id int);");
        write(dir, "V3__c.sql", "CREATE TABLE c (id int);");
        MigrateResult result = migrations().migrate("db", Optional.of(MigrationVersion.parse("2")));
        assertThat(result.currentVersion()).contains("2");
        assertThat(tableExists("c")).isFalse();
    }

    @Test
    void dryRunListsExactlyTheStatementsMigrateThenRuns() {
        write(dir, "V1__schema.sql", """
                -- users and their orders
                CREATE TABLE users (id int PRIMARY KEY, note text);
                INSERT INTO users VALUES (1, 'semi;colon'), (2, $$dollar;quoted$$);
                CREATE FUNCTION add_one(i int) RETURNS int AS $body$
                BEGIN
                  RETURN i + 1;
                END;
                $body$ LANGUAGE plpgsql;
                """);
        write(dir, "V2__more.sql", "/* nested /* comment */ */ ALTER TABLE users ADD COLUMN email text;\nSELECT add_one(1);");
        write(dir, "R__view.sql", "CREATE VIEW v AS SELECT id FROM users;");

        DryRunResult plan = migrations().dryRun("db");
        assertThat(tableExists("cairn_schema_history")).isFalse();
        List<String> planned = new ArrayList<>();
        plan.migrations().forEach(m -> m.statements().forEach(s -> planned.add(m.script() + ":" + s.line() + ":" + s.text())));
        assertThat(planned).hasSize(6);
        assertThat(planned.get(0)).isEqualTo("V1__schema.sql:2:CREATE TABLE users (id int PRIMARY KEY, note text)");

        List<String> ran = new CopyOnWriteArrayList<>();
        MigrationListener recorder = new MigrationListener() {
            @Override
            public void beforeStatement(String database, String script, PlannedStatement statement) {
                ran.add(script + ":" + statement.line() + ":" + statement.text());
            }
        };
        Migrations.builder(dm).location(root).listener(recorder).build().migrate("db");
        assertThat(ran).isEqualTo(planned);
        assertThat(migrations().dryRun("db").migrations()).isEmpty();
    }

    @Test
    void javaMigrationRunsInTheTransactionAndCanUndo() {
        write(dir, "V1__t.sql", "CREATE TABLE t (id int);");
        JavaMigration java = new JavaMigration() {
            @Override
            public String version() {
                return "2";
            }

            @Override
            public String description() {
                return "seed from java";
            }

            @Override
            public void migrate(MigrationContext context) throws Exception {
                try (var statement = context.connection().orElseThrow().createStatement()) {
                    statement.execute("INSERT INTO t VALUES (42)");
                }
            }

            @Override
            public boolean canUndo() {
                return true;
            }

            @Override
            public void undo(MigrationContext context) throws Exception {
                try (var statement = context.connection().orElseThrow().createStatement()) {
                    statement.execute("DELETE FROM t WHERE id = 42");
                }
            }
        };
        Migrations migrations = Migrations.builder(dm).location(root).javaMigration("db", java).build();
        MigrateResult result = migrations.migrate("db");
        assertThat(result.applied()).extracting(AppliedMigration::type).containsExactly("SQL", "JAVA");
        assertThat(count("SELECT count(*) FROM t")).isEqualTo(1);
        assertThat(migrations.undo("db").undone()).extracting(AppliedMigration::type).containsExactly("UNDO_JAVA");
        assertThat(count("SELECT count(*) FROM t")).isZero();
    }

    @Test
    void anImpatientMigratorFailsWithLockedNamingTheHolder() throws Exception {
        write(dir, "V1__a.sql", "CREATE TABLE a (id int);");
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update("cairn_schema_history".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        long key = (0x43414952L << 32) | crc.getValue();
        String url = pg.jdbcUrl(dm.config().database("db").url().database().orElseThrow());
        try (var holder = java.sql.DriverManager.getConnection(url, pg.user(), pg.password());
             var statement = holder.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + key + ")");
            assertThatThrownBy(() -> Migrations.builder(dm).location(root).lockTimeout(java.time.Duration.ZERO).build()
                    .migrate("db")).isInstanceOfSatisfying(CairnException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.LOCKED);
                        assertThat(e.getMessage()).contains("another migrator holds the lock (server process")
                                .contains("lock-timeout");
                    });
            assertThatThrownBy(() -> Migrations.builder(dm).location(root).lockTimeout(java.time.Duration.ofMillis(300)).build()
                    .migrate("db")).hasMessageContaining("waited");
        }
        assertThat(migrations().migrate("db").applied()).hasSize(1);
    }

    @Test
    void resultsSerializeToJson() throws Exception {
        write(dir, "V1__a.sql", "CREATE TABLE a (id int);");
        var mapper = io.cairn.core.CairnJson.mapper();
        String migrate = mapper.writeValueAsString(migrations().migrate("db"));
        assertThat(migrate).contains("\"currentVersion\":\"1\"").contains("\"migrationsApplied\":1");
        String info = mapper.writeValueAsString(migrations().info("db"));
        assertThat(mapper.readTree(info).get("migrations").get(0).get("state").asText()).isEqualTo("APPLIED");
        assertThat(mapper.readTree(info).get("applied").asLong()).isEqualTo(1);
        assertThat(mapper.writeValueAsString(Map.of("dry", migrations().dryRun("db")))).contains("\"migrations\":[]");
    }
}
