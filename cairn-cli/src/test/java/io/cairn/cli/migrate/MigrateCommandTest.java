package io.cairn.cli.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cairn.cli.CairnCli;
import io.cairn.testkit.PostgresExtension;
import io.cairn.testkit.RedisExtension;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn migrate ...} end to end against a real PostgreSQL and Redis, with the
 * migrations: section of the configuration file; the tests build on each other in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrateCommandTest {
    @RegisterExtension
    static final PostgresExtension postgres = PostgresExtension.create();
    @RegisterExtension
    static final RedisExtension redis = RedisExtension.create();

    @TempDir
    static Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int exitCode, String out, String err) {
        static Run of(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = CairnCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
            return new Run(code, out.toString(), err.toString());
        }

        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    private static String config() throws IOException {
        Path secret = Files.writeString(dir.resolve("pg.secret"), postgres.password() + "\n");
        return Files.writeString(dir.resolve("cairn.yaml"), """
                databases:
                  main:  { type: postgresql, url: "%s", password: "${file:%s}" }
                  cache: { type: redis, url: "%s" }
                migrations:
                  location: db
                  databases:
                    cache: { redis-key: "app:migrations" }
                """.formatted(postgres.cairnUrl(), secret, redis.cairnUrl())).toString();
    }

    private static Path main() {
        return dir.resolve("db/main");
    }

    private static void write(Path directory, String name, String content) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(name), content);
    }

    private static Run cairn(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config");
        all.add(config());
        return Run.of(all.toArray(String[]::new));
    }

    @Test
    @Order(1)
    void newCreatesNumberedFilesInTheConfiguredLocation() throws IOException {
        Run run = cairn("migrate", "new", "--db", "main", "create", "users");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("main: created version 1").contains("V1__create_users.sql").contains("U1__create_users.sql");
        write(main(), "V1__create_users.sql", "CREATE TABLE users (id int PRIMARY KEY, email text);\n"
                + "INSERT INTO users VALUES (1, 'a@example.com');\n");
        write(main(), "U1__create_users.sql", "DROP VIEW IF EXISTS user_emails;\nDROP TABLE users;\n");
        write(main(), "R__user_emails.sql", "CREATE OR REPLACE VIEW user_emails AS SELECT email FROM users;\n");
        write(dir.resolve("db/cache"), "V1__flags.redis", "HSET flags checkout on\n");

        Run second = cairn("migrate", "new", "--db", "main", "add orders");
        assertThat(second.out()).contains("V2__add_orders.sql");
        Files.delete(main().resolve("V2__add_orders.sql"));
        Files.delete(main().resolve("U2__add_orders.sql"));
    }

    @Test
    @Order(2)
    void dryRunPrintsExactlyWhatMigrateThenApplies() throws IOException {
        Run dry = cairn("migrate", "--dry-run", "--json");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        JsonNode plans = dry.json();
        assertThat(plans).hasSize(2);
        List<String> planned = new ArrayList<>();
        for (JsonNode plan : plans) {
            for (JsonNode migration : plan.get("migrations")) {
                for (JsonNode statement : migration.get("statements")) {
                    planned.add(migration.get("script").asText() + ":" + statement.get("line").asInt() + ":" + statement.get("text").asText());
                }
            }
        }
        assertThat(planned).containsExactly("V1__create_users.sql:1:CREATE TABLE users (id int PRIMARY KEY, email text)",
                "V1__create_users.sql:2:INSERT INTO users VALUES (1, 'a@example.com')",
                "R__user_emails.sql:1:CREATE OR REPLACE VIEW user_emails AS SELECT email FROM users",
                "V1__flags.redis:1:HSET flags checkout on");

        Run human = cairn("migrate", "--dry-run", "--db", "main");
        assertThat(human.out()).contains("-- V1__create_users.sql:2\nINSERT INTO users VALUES (1, 'a@example.com')");

        Run migrate = cairn("migrate", "--json");
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        JsonNode results = migrate.json();
        assertThat(results.get(0).get("migrationsApplied").asInt()).isEqualTo(2);
        assertThat(results.get(0).get("currentVersion").asText()).isEqualTo("1");
        assertThat(results.get(1).get("database").asText()).isEqualTo("cache");

        Run again = cairn("migrate");
        assertThat(again.out()).contains("main (postgresql): up to date at version 1").contains("cache (redis): up to date at version 1");
    }

    @Test
    @Order(3)
    void infoShowsStatesAsTableAndJson() throws IOException {
        write(main(), "V2__orders.sql", "CREATE TABLE orders (id int);\n");
        Run table = cairn("migrate", "info", "--db", "main");
        assertThat(table.exitCode()).isZero();
        assertThat(table.out()).contains("main (postgresql): version 1; 2 applied, 1 pending, 0 failed, 0 drift")
                .contains("STATE").contains("PENDING").contains("create users");
        JsonNode json = cairn("migrate", "info", "--json").json();
        assertThat(json.get(0).get("pending").asInt()).isEqualTo(1);
        assertThat(json.get(1).get("migrations").get(0).get("state").asText()).isEqualTo("APPLIED");
    }

    @Test
    @Order(4)
    void failingStatementExitsTwelveNamingFileAndLine() throws IOException {
        write(main(), "V3__broken.sql", "CREATE TABLE broken (id int);\nINSERT INTO nowhere VALUES (1);\n");
        Run run = cairn("migrate", "--db", "main");
        assertThat(run.exitCode()).isEqualTo(12);
        assertThat(run.err()).startsWith("cairn: database 'main': V3__broken.sql:2: ").contains("\"nowhere\" does not exist")
                .contains("rolled back");
        assertThat(run.out()).doesNotContain(postgres.password());
        Files.delete(main().resolve("V3__broken.sql"));
        assertThat(cairn("migrate", "--db", "main").out()).contains("up to date at version 2");
    }

    @Test
    @Order(5)
    void validateExitsOneOnDriftAndRepairRealigns() throws IOException {
        write(main(), "V1__create_users.sql", "CREATE TABLE users (id int PRIMARY KEY, email text, name text);\n");
        Run invalid = cairn("migrate", "validate");
        assertThat(invalid.exitCode()).isEqualTo(1);
        assertThat(invalid.out()).contains("main: 1 problem(s)").contains("CHECKSUM_MISMATCH")
                .contains("cairn migrate repair --db main").contains("cache: valid");
        Run refused = cairn("migrate");
        assertThat(refused.exitCode()).isEqualTo(11);
        assertThat(refused.err()).contains("migrate refused").contains("V1__create_users.sql");

        Run repair = cairn("migrate", "repair", "--db", "main");
        assertThat(repair.out()).contains("re-aligned checksum   V1__create_users.sql");
        assertThat(cairn("migrate", "validate", "--json").exitCode()).isZero();
    }

    @Test
    @Order(6)
    void undoNeedsOneDatabaseAndNamesAMissingUndoFile() throws IOException {
        Run ambiguous = cairn("migrate", "undo");
        assertThat(ambiguous.exitCode()).isEqualTo(2);
        assertThat(ambiguous.err()).contains("--db").contains("main, cache");

        Run missing = cairn("migrate", "undo", "--db", "main");
        assertThat(missing.exitCode()).isEqualTo(6);
        assertThat(missing.err()).contains("U2__orders.sql is missing");

        write(main(), "U2__orders.sql", "DROP TABLE orders;\n");
        Run undo = cairn("migrate", "undo", "--db", "main", "--to", "0");
        assertThat(undo.exitCode()).as(undo.err()).isZero();
        assertThat(undo.out()).contains("main: undid 2 migration(s), now at version (none) (was 2)")
                .contains("U2__orders.sql").contains("U1__create_users.sql");
    }

    @Test
    @Order(7)
    void baselineAndUsageErrors() throws IOException {
        Run baseline = cairn("migrate", "baseline", "--db", "cache", "--version", "5");
        assertThat(baseline.exitCode()).isEqualTo(11);
        assertThat(baseline.err()).contains("already has migrations applied");

        Run badVersion = cairn("migrate", "--target", "v2");
        assertThat(badVersion.exitCode()).isEqualTo(2);
        assertThat(badVersion.err()).contains("is not a migration version");

        Run unknown = cairn("migrate", "info", "--db", "mian");
        assertThat(unknown.exitCode()).isEqualTo(6);
        assertThat(unknown.err()).contains("did you mean 'main'");

        Run noConfig = Run.of("migrate", "--config", dir.resolve("absent.yaml").toString());
        assertThat(noConfig.exitCode()).isEqualTo(2);
    }
}
