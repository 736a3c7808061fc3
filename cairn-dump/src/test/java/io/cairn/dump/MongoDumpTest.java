package io.cairn.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseType;
import io.cairn.repository.Repository;
import io.cairn.testkit.MongoExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** MongoDB dumps through the driver and loads into a second, fresh (MongoDB-wire-compatible) server. */
class MongoDumpTest {
    @RegisterExtension
    static final MongoExtension source = MongoExtension.create();
    @RegisterExtension
    static final MongoExtension target = MongoExtension.create();

    static Map<String, String> original;

    @TempDir
    Path directory;
    Repository repository;

    @BeforeEach
    void setUp() {
        repository = TestSetup.repository(directory.resolve("repo"));
        try (MongoClient client = MongoClients.create(source.connectionString())) {
            MongoDatabase database = client.getDatabase("cairn");
            if (original == null || !checksums(source, "cairn").equals(original)) {
                // first test, or a fault test killed the server or added data
                database.drop();
                fill(database);
                original = checksums(source, "cairn");
            }
        }
        try (MongoClient client = MongoClients.create(target.connectionString())) {
            client.getDatabase("restored").drop();
            client.getDatabase("cairn").drop();
        }
    }

    @AfterEach
    void closeRepository() {
        repository.close();
    }

    static void fill(MongoDatabase database) {
        List<Document> customers = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            customers.add(new Document("_id", i).append("name", "customer " + i).append("email", "c" + i + "@example.com")
                    .append("since", new Date(1_700_000_000_000L + i * 1000L)));
        }
        database.getCollection("customers").insertMany(customers);
        database.getCollection("customers").createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
        database.getCollection("customers").createIndex(Indexes.ascending("since"),
                new IndexOptions().expireAfter(365L * 24 * 3600, TimeUnit.SECONDS).name("since_ttl"));
        List<Document> orders = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            orders.add(new Document("customer", i % 500).append("amount", new Decimal128(i * 7919L % 100000))
                    .append("lines", List.of(new Document("sku", "A" + i % 17).append("qty", i % 5 + 1),
                            new Document("sku", "B" + i % 13).append("qty", 1)))
                    .append("blob", new Binary(HexFormat.of().parseHex(String.format("%064x", i * 31L))))
                    .append("note", "order number " + i + " ".repeat(i % 7) + "with some padding text to make it longer"));
        }
        database.getCollection("orders").insertMany(orders);
        database.getCollection("orders").createIndex(Indexes.compoundIndex(Indexes.ascending("customer"),
                Indexes.descending("amount")));
        database.createCollection("empty");
    }

    /** Collection → "count:sha of documents in _id order" plus the index names. */
    static Map<String, String> checksums(MongoExtension server, String name) {
        Map<String, String> sums = new TreeMap<>();
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase(name);
            for (String collection : database.listCollectionNames()) {
                StringBuilder all = new StringBuilder();
                long count = 0;
                for (Document document : database.getCollection(collection).find().sort(Sorts.ascending("_id"))) {
                    all.append(document.toJson()).append('\n');
                    count++;
                }
                List<String> indexes = new ArrayList<>();
                database.getCollection(collection).listIndexes().forEach(index -> indexes.add(index.getString("name")
                        + (index.getBoolean("unique", false) ? "(unique)" : "")));
                indexes.sort(null);
                sums.put(collection, count + ":" + HexFormat.of().formatHex(RedisFixture.sha(all.toString())) + ":" + indexes);
            }
        }
        return sums;
    }

    private DatabaseConfig docs() {
        return TestSetup.database("docs", DatabaseType.MONGODB, source.cairnUrl(), "");
    }

    private DatabaseConfig copy(String id, String database) {
        return TestSetup.database(id, DatabaseType.MONGODB, TestSetup.withDatabase(target.cairnUrl(), database), "");
    }

    @Test
    void dumpLoadsIntoAnotherDatabaseOfAFreshServer() {
        try (DataManager dm = TestSetup.dataManager(docs(), copy("copy", "restored"))) {
            Dumps dumps = Dumps.of(dm, repository);
            DumpResult dump = dumps.dump("docs", DumpOptions.defaults());
            assertThat(dump.format()).isEqualTo(DumpFormat.BSON);
            assertThat(dump.files()).isEqualTo(6);
            LoadResult load = dumps.load(dump.shortId(), "copy", LoadOptions.defaults());
            assertThat(load.counts()).containsEntry("collections", 3L).containsEntry("documents", 3500L)
                    .containsEntry("indexes", 3L);
        }
        assertThat(checksums(target, "restored")).isEqualTo(original);
        assertThat(original.get("customers")).contains("email_1(unique)").contains("since_ttl");
    }

    @Test
    void oneCollectionLoadsAlone() {
        try (DataManager dm = TestSetup.dataManager(docs(), copy("copy", "restored"))) {
            Dumps dumps = Dumps.of(dm, repository);
            DumpResult dump = dumps.dump("docs", DumpOptions.defaults());
            dumps.load(dump.shortId(), "copy", LoadOptions.defaults().withTables("customers"));
        }
        assertThat(checksums(target, "restored")).containsOnlyKeys("customers")
                .containsEntry("customers", original.get("customers"));
    }

    @Test
    void nonEmptyTargetIsRefusedUnlessClean() {
        try (DataManager dm = TestSetup.dataManager(docs(), copy("copy", "restored"))) {
            Dumps dumps = Dumps.of(dm, repository);
            DumpResult dump = dumps.dump("docs", DumpOptions.defaults());
            dumps.load(dump.shortId(), "copy", LoadOptions.defaults().withTables("orders"));
            assertThatThrownBy(() -> dumps.load(dump.shortId(), "copy", LoadOptions.defaults()))
                    .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PRECONDITION))
                    .hasMessageContaining("already has 1 collection(s) (orders)");
            dumps.load(dump.shortId(), "copy", LoadOptions.defaults().withClean());
        }
        assertThat(checksums(target, "restored")).isEqualTo(original);
    }

    @Test
    void serverKilledMidDumpLeavesNoDump() {
        try (MongoClient client = MongoClients.create(source.connectionString())) {
            // sorts first; more than the mebibyte after which the listener kills the server
            List<Document> big = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                big.add(new Document("_id", i).append("padding", "x".repeat(16 * 1024)));
            }
            client.getDatabase("cairn").getCollection("a_big").insertMany(big);
        }
        try (DataManager dm = TestSetup.dataManager(docs())) {
            Dumps dumps = Dumps.of(dm, repository);
            assertThatThrownBy(() -> dumps.dump("docs", DumpOptions.defaults(), Children.onFirstProgress(source::kill)))
                    .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED))
                    .hasMessageContaining("database 'docs'");
            assertThat(dumps.list(Optional.empty())).isEmpty();
            assertThat(repository.snapshots()).isEmpty();
        }
    }

    @Test
    void dumpNotMatchingItsManifestIsRefusedBeforeAnythingIsWritten() {
        try (DataManager dm = TestSetup.dataManager(docs(), copy("copy", "restored"))) {
            Dumps dumps = Dumps.of(dm, repository);
            DumpResult dump = dumps.dump("docs", DumpOptions.defaults().withTables("customers"));
            String forged = Corruption.forgeDumpWithChangedByte(repository, dump.dumpId(), "mongodb", "docs");
            assertThatThrownBy(() -> dumps.load(forged, "copy", LoadOptions.defaults()))
                    .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTEGRITY))
                    .hasMessageContaining("nothing was written to 'copy'");
        }
        assertThat(checksums(target, "restored")).isEmpty();
    }

    /**
     * The kit's server has no authentication, so any credentials are refused (it lacks SCRAM):
     * this checks how a refused login is reported, not a wrong password as such.
     */
    @Test
    void refusedCredentialsAreAnAuthenticationFailure() {
        String url = "mongodb://someone@" + source.host() + ":" + source.port() + "/cairn";
        try (DataManager dm = TestSetup.dataManager(TestSetup.database("docs", DatabaseType.MONGODB, url, "secret-pw"))) {
            assertThatThrownBy(() -> Dumps.of(dm, repository).dump("docs", DumpOptions.defaults()))
                    .isInstanceOfSatisfying(CairnException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED))
                    .hasMessageContaining("'docs'").hasMessageNotContaining("secret-pw");
        }
    }
}
