package io.cairn.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MongoExtensionTest {
    @RegisterExtension
    static final MongoExtension mongo = MongoExtension.create();

    @Test
    void officialDriverPingsInsertsFindsAndListsDatabases() {
        assertThat(mongo.cairnUrl()).isEqualTo("mongodb://127.0.0.1:" + mongo.port() + "/cairn");
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase database = client.getDatabase(mongo.database());
            assertThat(database.runCommand(new Document("ping", 1)).get("ok")).isIn(1, 1.0);
            Document buildInfo = database.runCommand(new Document("buildInfo", 1));
            assertThat(buildInfo.getString("version")).matches("\\d+\\.\\d+.*");
            MongoCollection<Document> orders = database.getCollection("orders");
            orders.insertOne(new Document("_id", 1).append("item", "cairn"));
            assertThat(orders.find(new Document("_id", 1)).first()).containsEntry("item", "cairn");
            List<String> names = client.listDatabaseNames().into(new ArrayList<>());
            assertThat(names).contains("cairn");
        }
    }

    @Test
    void keepsDataAcrossStopStartAndComesBackAfterKill() {
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            client.getDatabase("kept").getCollection("items").insertOne(new Document("_id", "a").append("n", 1));
        }
        mongo.restart();
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            assertThat(client.getDatabase("kept").getCollection("items").countDocuments()).isEqualTo(1);
        }
        mongo.kill();
        assertThat(mongo.isRunning()).isFalse();
        mongo.start();
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            // written before the graceful restart, so committed: it must survive the kill
            assertThat(client.getDatabase("kept").getCollection("items").countDocuments()).isEqualTo(1);
        }
    }
}
