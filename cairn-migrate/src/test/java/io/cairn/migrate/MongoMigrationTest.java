package io.cairn.migrate;

import static io.cairn.migrate.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseType;
import io.cairn.testkit.MongoExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** MongoDB migrations on the kit's MongoDB-wire server: JSON commands, history collection, lease, undo. */
class MongoMigrationTest {
    @RegisterExtension
    static final MongoExtension mongo = MongoExtension.create();

    @TempDir
    Path root;
    Path dir;
    DataManager dm;
    MongoDatabase database;

    @BeforeEach
    void open() {
        dm = Fixtures.open(mongo, DatabaseType.MONGODB, mongo.cairnUrl());
        database = dm.unwrap("db", MongoDatabase.class);
        database.drop();
        dir = root.resolve("db");
    }

    @AfterEach
    void close() {
        dm.close();
    }

    private Migrations migrations() {
        return Migrations.builder(dm).location(root).build();
    }

    private List<String> indexNames(String collection) {
        List<String> names = new ArrayList<>();
        database.getCollection(collection).listIndexes().forEach(index -> names.add(index.getString("name")));
        return names;
    }

    @Test
    void appliesCommandsRecordsHistoryAndUndoes() {
        write(dir, "V1__users.json", """
                // users and their e-mail index
                [
                  {"createCollection": "users"},
                  {"createIndex": "users", "key": {"email": 1}, "unique": true},
                  {"insertMany": "users", "documents": [
                      {"_id": 1, "email": "a@example.com", "joined": {"$date": "2024-01-01T00:00:00Z"}},
                      {"_id": 2, "email": "b@example.com"}
                  ]},
                  {"updateMany": "users", "filter": {}, "update": {"$set": {"active": true}}}
                ]
                """);
        write(dir, "U1__users.json", "[ {\"dropCollection\": \"users\"} ]");

        MigrateResult result = migrations().migrate("db");
        assertThat(result.applied()).singleElement().satisfies(m -> assertThat(m.statements()).isEqualTo(4));
        assertThat(indexNames("users")).contains("email_1");
        assertThat(database.getCollection("users").countDocuments(Filters.eq("active", true))).isEqualTo(2);
        assertThat(database.getCollection("users").find(Filters.eq("_id", 1)).first().get("joined")).isInstanceOf(java.util.Date.class);
        Document history = database.getCollection("cairn_schema_history").find().first();
        assertThat(history.getString("script")).isEqualTo("V1__users.json");
        assertThat(history.getBoolean("success")).isTrue();

        UndoResult undo = migrations().undo("db");
        assertThat(undo.undone()).extracting(AppliedMigration::script).containsExactly("U1__users.json");
        assertThat(database.listCollectionNames().into(new ArrayList<>())).doesNotContain("users");
        assertThat(migrations().info("db").pending()).isEqualTo(1);
    }

    @Test
    void writeErrorsFailTheMigrationWithFileAndLine() {
        write(dir, "V1__users.json", """
                [
                  {"createIndex": "users", "key": {"email": 1}, "unique": true},
                  {"insertOne": "users", "document": {"email": "a@example.com"}},
                  {"insertOne": "users", "document": {"email": "a@example.com"}}
                ]
                """);
        assertThatThrownBy(() -> migrations().migrate("db")).isInstanceOfSatisfying(CairnException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.DATABASE_ERROR);
            assertThat(e.getMessage()).startsWith("database 'db': V1__users.json:4: ").containsIgnoringCase("duplicate key");
        });
        assertThat(migrations().validate("db").problems()).singleElement()
                .satisfies(p -> assertThat(p.kind()).isEqualTo(ValidationProblem.Kind.FAILED));
    }

    @Test
    void dryRunShowsTheTranslatedCommandsMigrateRuns() {
        write(dir, "V1__idx.json", "[{\"createIndex\": \"orders\", \"key\": {\"customer\": 1, \"created\": -1}}]");
        DryRunResult plan = migrations().dryRun("db");
        PlannedStatement statement = plan.migrations().get(0).statements().get(0);
        assertThat(statement.line()).isEqualTo(1);
        assertThat(statement.text()).contains("\"createIndexes\": \"orders\"").contains("\"name\": \"customer_1_created_-1\"");

        List<PlannedStatement> ran = new ArrayList<>();
        Migrations.builder(dm).location(root).listener(new MigrationListener() {
            @Override
            public void beforeStatement(String database, String script, PlannedStatement s) {
                ran.add(s);
            }
        }).build().migrate("db");
        assertThat(ran).containsExactly(statement);
        assertThat(indexNames("orders")).contains("customer_1_created_-1");
    }

    @Test
    void malformedJsonNamesFileAndLine() {
        write(dir, "V1__bad.json", "[\n  {\"createCollection\": \"a\"},\n  {\"oops\" \"x\"}\n]");
        assertThatThrownBy(() -> migrations().dryRun("db")).isInstanceOfSatisfying(CairnException.class,
                e -> assertThat(e.getMessage()).startsWith("V1__bad.json:3: "));
    }

    @Test
    void anExpiredLeaseIsTakenOverButALiveOneIsNot() {
        write(dir, "V1__a.json", "[{\"createCollection\": \"a\"}]");
        var locks = database.getCollection("cairn_schema_history_lock");
        locks.insertOne(new Document("_id", "lock").append("owner", "crashed:1:x")
                .append("expiresAt", java.util.Date.from(java.time.Instant.now().plusSeconds(60))));
        assertThatThrownBy(() -> Migrations.builder(dm).location(root).lockTimeout(java.time.Duration.ZERO).build().migrate("db"))
                .isInstanceOfSatisfying(CairnException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LOCKED);
                    assertThat(e.getMessage()).contains("crashed:1:x");
                });
        locks.updateOne(Filters.eq("_id", "lock"), new Document("$set",
                new Document("expiresAt", java.util.Date.from(java.time.Instant.now().minusSeconds(1)))));
        assertThat(Migrations.builder(dm).location(root).lockTimeout(java.time.Duration.ZERO).build().migrate("db").applied()).hasSize(1);
        assertThat(locks.countDocuments()).isZero();
    }
}
