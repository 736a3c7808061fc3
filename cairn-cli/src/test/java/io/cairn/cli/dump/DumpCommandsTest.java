package io.cairn.cli.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;

import io.cairn.cli.CliRun;
import io.cairn.testkit.MariaDbExtension;
import io.cairn.testkit.MongoExtension;
import io.cairn.testkit.PostgresExtension;
import io.cairn.testkit.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn dump}, {@code cairn dumps} and {@code cairn load} as a user runs them, for each of
 * the four databases: dump, load into another database, compare; then listing and the errors a
 * user meets (non-empty target, unknown dump).
 */
class DumpCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final PostgresExtension postgres = PostgresExtension.create();
    @RegisterExtension
    static final MariaDbExtension mariadb = MariaDbExtension.create();
    @RegisterExtension
    static final RedisExtension redis = RedisExtension.create();
    @RegisterExtension
    static final MongoExtension mongo = MongoExtension.create();

    @TempDir
    static Path dir;
    static Path config;

    @BeforeAll
    static void setUp() throws Exception {
        Path pgSecret = Files.writeString(dir.resolve("pg.secret"), postgres.password() + "\n");
        Path mariaSecret = Files.writeString(dir.resolve("maria.secret"), mariadb.password() + "\n");
        Path repoSecret = Files.writeString(dir.resolve("repo.secret"), "dump commands test passphrase\n");
        String pgCopy = withDatabase(postgres.cairnUrl(), "shop_copy");
        String mariaCopy = withDatabase(mariadb.cairnUrl(), "legacy_copy");
        config = Files.writeString(dir.resolve("cairn.yaml"), """
                repository: { url: "%s", password: "${file:%s}" }
                databases:
                  main:        { type: postgresql, url: "%s", password: "${file:%s}" }
                  main-copy:   { type: postgresql, url: "%s", password: "${file:%s}" }
                  legacy:      { type: mariadb,    url: "%s", password: "${file:%s}" }
                  legacy-copy: { type: mariadb,    url: "%s", password: "${file:%s}" }
                  cache:       { type: redis,      url: "%s" }
                  cache-copy:  { type: redis,      url: "%s" }
                  docs:        { type: mongodb,    url: "%s" }
                  docs-copy:   { type: mongodb,    url: "%s" }
                """.formatted(dir.resolve("repo"), repoSecret, postgres.cairnUrl(), pgSecret, pgCopy, pgSecret,
                mariadb.cairnUrl(), mariaSecret, mariaCopy, mariaSecret, redis.cairnUrl(),
                withDatabase(redis.cairnUrl(), "1"), mongo.cairnUrl(), withDatabase(mongo.cairnUrl(), "docs_copy")));
        assertThat(cairn("repo", "init").exitCode()).isZero();
        sql(DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password()),
                "CREATE TABLE items (id int PRIMARY KEY, name text)",
                "INSERT INTO items SELECT i, 'item ' || i FROM generate_series(1, 500) i");
        sql(DriverManager.getConnection(mariadb.jdbcUrl(), mariadb.user(), mariadb.password()),
                "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50))",
                "INSERT INTO items SELECT seq, CONCAT('item ', seq) FROM seq_1_to_500");
        RedisClient client = RedisClient.create(redis.cairnUrl());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            for (int i = 0; i < 500; i++) {
                connection.sync().set("item:" + i, "name " + i);
            }
            connection.sync().expire("item:0", 3600);
        } finally {
            client.shutdown();
        }
        try (MongoClient mongoClient = MongoClients.create(mongo.connectionString())) {
            List<Document> items = Stream.iterate(0, i -> i + 1).limit(500)
                    .map(i -> new Document("_id", i).append("name", "item " + i)).toList();
            mongoClient.getDatabase("cairn").getCollection("items").insertMany(items);
        }
    }

    private static String withDatabase(String url, String database) {
        return url.substring(0, url.lastIndexOf('/') + 1) + database;
    }

    private static void sql(Connection connection, String... statements) throws Exception {
        try (connection; Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static long count(Connection connection, String sql) throws Exception {
        try (connection; Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    static CliRun cairn(String... args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--config", config.toString())).toArray(String[]::new);
        CliRun run = CliRun.of(all);
        System.out.println("$ cairn " + String.join(" ", args) + "\n" + run.out() + run.err());
        return run;
    }

    /** Dumps {@code db} with --json, loads the dump into {@code copy} with the extra options; returns the dump id. */
    private static String dumpAndLoad(String db, String copy, String... loadOptions) throws Exception {
        CliRun dump = cairn("dump", "--db", db, "--json");
        assertThat(dump.exitCode()).as(dump.err()).isZero();
        String id = JSON.readTree(dump.out()).get("shortId").asText();
        String[] load = Stream.concat(Stream.of("load", id, "--db", copy), Stream.of(loadOptions)).toArray(String[]::new);
        CliRun run = cairn(load);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("verified against SHA-256");
        return id;
    }

    @Test
    void eachDatabaseRoundTripsThroughDumpAndLoad() throws Exception {
        dumpAndLoad("main", "main-copy", "--create");
        assertThat(count(DriverManager.getConnection(postgres.jdbcUrl("shop_copy"), postgres.user(), postgres.password()),
                "SELECT count(*) FROM items")).isEqualTo(500);

        dumpAndLoad("legacy", "legacy-copy", "--create");
        assertThat(count(DriverManager.getConnection(mariadb.jdbcUrl("legacy_copy"), mariadb.user(), mariadb.password()),
                "SELECT COUNT(*) FROM items")).isEqualTo(500);

        dumpAndLoad("cache", "cache-copy");
        RedisClient client = RedisClient.create(withDatabase(redis.cairnUrl(), "1"));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().dbsize()).isEqualTo(500);
            assertThat(connection.sync().ttl("item:0")).isPositive();
        } finally {
            client.shutdown();
        }

        dumpAndLoad("docs", "docs-copy");
        try (MongoClient mongoClient = MongoClients.create(mongo.connectionString())) {
            assertThat(mongoClient.getDatabase("docs_copy").getCollection("items").countDocuments()).isEqualTo(500);
        }

        CliRun list = cairn("dumps", "--json");
        assertThat(list.exitCode()).as(list.err()).isZero();
        JsonNode dumps = JSON.readTree(list.out());
        assertThat(dumps).extracting(d -> d.get("db").asText()).contains("main", "legacy", "cache", "docs");
        CliRun table = cairn("dumps", "--db", "main");
        assertThat(table.out()).contains("SAVED").contains("pg_dump").contains("1 dump(s)");

        CliRun refused = cairn("load", "latest:main", "--db", "main-copy");
        assertThat(refused.exitCode()).isEqualTo(11);
        assertThat(refused.err()).contains("'main-copy' is not empty").contains("--clean");
        CliRun latest = cairn("load", "latest:main", "--db", "main-copy", "--clean", "--json");
        assertThat(latest.exitCode()).as(latest.err()).isZero();
        assertThat(JSON.readTree(latest.out()).get("sourceDb").asText()).isEqualTo("main");
    }

    @Test
    void unknownDumpAndBadOptionsHaveClearErrors() {
        CliRun unknown = cairn("load", "deadbeef", "--db", "main-copy");
        assertThat(unknown.exitCode()).isEqualTo(6);
        CliRun both = cairn("dump", "--db", "main", "--schema-only", "--data-only");
        assertThat(both.exitCode()).isEqualTo(2);
        CliRun jobs = cairn("dump", "--db", "main", "--jobs", "4");
        assertThat(jobs.exitCode()).isEqualTo(2);
        assertThat(jobs.err()).contains("--jobs needs --format directory");
        CliRun format = cairn("dump", "--db", "cache", "--format", "custom");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).contains("format custom is not available (use rdb)");
    }
}
