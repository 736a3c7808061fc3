package io.cairn.dump.mongodb.internal;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.failure.Failure;
import io.cairn.core.failure.FailureMessages;
import io.cairn.core.failure.MongoFailures;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.dump.internal.BlockingPipe;
import io.cairn.dump.internal.DumpFacts;
import io.cairn.dump.internal.DumpJob;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Dumps a MongoDB database through the driver, as mongodump lays it out: per collection the
 * documents as concatenated BSON (each document carries its own length prefix) in natural order,
 * streamed from the cursor into the snapshot through a bounded pipe, and a metadata JSON file
 * (canonical Extended JSON) with the collection's options and index specifications. Views are
 * dumped as metadata only. Collections are read one after the other: without a replica set and
 * snapshot reads there is no point in time common to all of them.
 */
final class MongoDump {
    static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).indent(true).build();
    private static final int BATCH = 1000;

    DumpFacts run(DumpJob job) {
        DatabaseConfig config = job.source();
        String name = MongoNames.database(config);
        MongoDatabase database = job.dataManager().unwrap(config.id(), MongoClient.class).getDatabase(name);
        List<Map<String, Object>> collections = new ArrayList<>();
        String version;
        try {
            version = String.valueOf(database.runCommand(new Document("buildInfo", 1)).get("version"));
            for (Document info : selected(database, job.options().tables(), config)) {
                collections.add(dumpCollection(job, database, info));
            }
        } catch (MongoException e) {
            throw MongoFailures.of(FailureMessages.of(config).during("dumping " + name)).classify(e).toException();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("collections", collections);
        details.put("consistency", "per collection (read one after the other, no common snapshot)");
        return new DumpFacts(Optional.of(name), version, "cairn", "mongodb-driver-sync " + driverVersion(), List.of(),
                details, List.of());
    }

    /** The driver's own version constant (its jar manifest has no Implementation-Version). */
    private static String driverVersion() {
        return com.mongodb.internal.build.MongoDriverVersion.VERSION;
    }

    /** listCollections without system collections, narrowed to the requested ones, by name. */
    private static List<Document> selected(MongoDatabase database, List<String> requested, DatabaseConfig config) {
        List<Document> all = new ArrayList<>();
        database.listCollections().forEach(all::add);
        all.removeIf(info -> info.getString("name").startsWith("system."));
        all.sort((a, b) -> a.getString("name").compareTo(b.getString("name")));
        if (requested.isEmpty()) {
            return all;
        }
        List<Document> chosen = new ArrayList<>();
        for (String collection : requested) {
            chosen.add(all.stream().filter(info -> info.getString("name").equals(collection)).findFirst()
                    .orElseThrow(() -> new CairnException(ErrorCode.NOT_FOUND, "database '" + config.id()
                            + "' has no collection '" + collection + "' (it has: " + String.join(", ",
                            all.stream().map(i -> i.getString("name")).limit(30).toList()) + ")")));
        }
        return chosen;
    }

    private Map<String, Object> dumpCollection(DumpJob job, MongoDatabase database, Document info) {
        String collection = info.getString("name");
        String type = info.getString("type") == null ? "collection" : info.getString("type");
        String file = database.getName() + "/" + MongoNames.file(collection);
        long documents = 0;
        if (type.equals("collection")) {
            documents = streamDocuments(job, database, collection, file + MongoNames.BSON);
        }
        Document metadata = new Document("collectionName", collection).append("type", type)
                .append("options", info.get("options", new Document()));
        List<Document> indexes = new ArrayList<>();
        if (type.equals("collection")) {
            database.getCollection(collection).listIndexes().forEach(index -> {
                index.remove("ns");
                indexes.add(index);
            });
        }
        metadata.append("indexes", indexes);
        byte[] json = metadata.toJson(JSON).getBytes(StandardCharsets.UTF_8);
        job.writer().add(file + MongoNames.METADATA, new ByteArrayInputStream(json));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("name", collection);
        summary.put("type", type);
        summary.put("file", file);
        summary.put("documents", documents);
        return summary;
    }

    /** Documents go from a cursor thread through a bounded pipe into the snapshot builder. */
    private static long streamDocuments(DumpJob job, MongoDatabase database, String collection, String entry) {
        BlockingPipe pipe = new BlockingPipe(8);
        AtomicLong count = new AtomicLong();
        Thread producer = new Thread(() -> produce(database, collection, pipe, count), "cairn-dump-mongo-" + collection);
        producer.setDaemon(true);
        producer.start();
        try (InputStream documents = pipe.input()) {
            job.writer().add(entry, documents);
        } catch (CairnException e) {
            throw MongoFailures.of(FailureMessages.of(job.source()).during("reading collection " + collection))
                    .find(e).map(Failure::toException).orElse(e);
        } catch (IOException e) {
            throw new CairnException(ErrorCode.STORAGE, "closing the document stream of " + collection + " failed", e);
        } finally {
            joinQuietly(producer);
        }
        return count.get();
    }

    /** Ends the pipe normally only after the last document: a failure must not look like the end of the data. */
    private static void produce(MongoDatabase database, String collection, BlockingPipe pipe, AtomicLong count) {
        OutputStream out = pipe.output();
        try (MongoCursor<RawBsonDocument> cursor = database.getCollection(collection, RawBsonDocument.class)
                .find().batchSize(BATCH).iterator()) {
            while (cursor.hasNext()) {
                ByteBuffer bytes = cursor.next().getByteBuffer().asNIO();
                byte[] copy = new byte[bytes.remaining()];
                bytes.get(copy);
                out.write(copy);
                count.incrementAndGet();
            }
        } catch (IOException e) {
            pipe.fail(e);
            return;
        } catch (RuntimeException e) {
            pipe.fail(new IOException("reading collection " + collection + " failed: " + e.getMessage(), e));
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            pipe.fail(e);
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
