package io.cairn.migrate;

import static io.cairn.migrate.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseType;
import io.cairn.testkit.MariaDbExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Migrations on a real MariaDB: DELIMITER blocks, backslash strings, DDL that commits at once. */
class MariaDbMigrationTest {
    @RegisterExtension
    static final MariaDbExtension mariadb = MariaDbExtension.create();

    @TempDir
    Path root;
    Path dir;
    DataManager dm;

    @BeforeEach
    void open() {
        dm = Fixtures.open(mariadb, DatabaseType.MARIADB, Fixtures.freshSqlDatabase(mariadb, mariadb.jdbcUrl(), mariadb.cairnUrl()));
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
        return count("SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = '"
                + name + "'") == 1;
    }

    @Test
    void appliesDelimiterBlocksAndBackslashStringsThenUndoes() {
        write(dir, "V1__schema.sql", """
                CREATE TABLE items (id INT PRIMARY KEY, label VARCHAR(100));
                INSERT INTO items VALUES (1, 'it\\'s; here'), (2, "double \\"quoted\\";");
                DELIMITER $$
                CREATE PROCEDURE add_item(IN new_id INT)
                BEGIN
                  INSERT INTO items VALUES (new_id, 'from procedure;');
                END$$
                DELIMITER ;
                CALL add_item(3);
                """);
        write(dir, "U1__schema.sql", "DROP PROCEDURE add_item;\nDROP TABLE items;\n");
        write(dir, "R__view.sql", "CREATE OR REPLACE VIEW item_labels AS SELECT label FROM items;");

        MigrateResult result = migrations().migrate("db");
        assertThat(result.applied()).extracting(AppliedMigration::statements).containsExactly(4, 1);
        assertThat(count("SELECT count(*) FROM item_labels")).isEqualTo(3);
        assertThat(dm.query("db", "SELECT label FROM items WHERE id = 1").firstValue()).contains("it's; here");
        var history = dm.query("db", "SELECT version, type, success, installed_by FROM cairn_schema_history ORDER BY installed_rank")
                .rowMaps();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("installed_by")).isEqualTo(mariadb.user());

        migrations().undo("db");
        assertThat(tableExists("items")).isFalse();
        assertThat(migrations().info("db").migrations()).extracting(InfoRow::state)
                .containsExactly(MigrationState.PENDING, MigrationState.OUTDATED);
    }

    @Test
    void failedDdlIsRecordedBecauseMariaDbCommitsItAndRepairOrUndoExplainsTheWayOut() {
        write(dir, "V1__base.sql", "CREATE TABLE a (id INT);");
        write(dir, "V2__orders.sql", "CREATE TABLE orders (id INT);\nALTER TABLE orders ADD COLUMN total DECIMAL(10,2);\n"
                + "ALTER TABLE missing ADD COLUMN x INT;\n");
        write(dir, "U2__orders.sql", "DROP TABLE IF EXISTS orders;");

        assertThatThrownBy(() -> migrations().migrate("db")).isInstanceOfSatisfying(CairnException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.DATABASE_ERROR);
            assertThat(e.getMessage()).startsWith("database 'db': V2__orders.sql:3: ").contains("missing")
                    .contains("commits DDL at once").contains("cairn migrate undo --db db").contains("U2__orders.sql")
                    .contains("cairn migrate repair --db db").doesNotContain("\n");
        });
        assertThat(tableExists("orders")).isTrue();
        assertThat(count("SELECT count(*) FROM cairn_schema_history WHERE version = '2' AND success = FALSE")).isEqualTo(1);
        ValidateResult validate = migrations().validate("db");
        assertThat(validate.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ValidationProblem.Kind.FAILED);
            assertThat(p.message()).contains("cairn migrate undo --db db").contains("repair");
        });
        assertThatThrownBy(() -> migrations().migrate("db")).hasMessageContaining("migrate refused");

        // way out 1: fix by hand + repair
        dm.execute("db", "DROP TABLE orders");
        write(dir, "V2__orders.sql", "CREATE TABLE orders (id INT);\nALTER TABLE orders ADD COLUMN total DECIMAL(10,2);\n");
        assertThat(migrations().repair("db").removedFailed()).containsExactly("V2__orders.sql");
        assertThat(migrations().migrate("db").currentVersion()).contains("2");
        assertThat(tableExists("orders")).isTrue();
    }

    @Test
    void dryRunEqualsWhatMigrateRuns() {
        write(dir, "V1__a.sql", "CREATE TABLE a (id INT); # comment; with semicolon\nINSERT INTO a VALUES (1);");
        List<String> planned = new ArrayList<>();
        migrations().dryRun("db").migrations().forEach(m -> m.statements().forEach(s -> planned.add(s.line() + ":" + s.text())));
        List<String> ran = new ArrayList<>();
        Migrations.builder(dm).location(root).listener(new MigrationListener() {
            @Override
            public void beforeStatement(String database, String script, PlannedStatement s) {
                ran.add(s.line() + ":" + s.text());
            }
        }).build().migrate("db");
        assertThat(ran).isEqualTo(planned).hasSize(2);
    }
}
