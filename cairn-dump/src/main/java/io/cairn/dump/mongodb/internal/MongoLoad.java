package io.cairn.dump.mongodb.internal;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.failure.Failure;
import io.cairn.core.failure.FailureMessages;
import io.cairn.core.failure.MongoFailures;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.dump.DumpEntry;
import io.cairn.dump.LoadOptions;
import io.cairn.dump.internal.DumpManifest;
import io.cairn.dump.internal.LoadJob;
import io.cairn.dump.internal.LoadOutcome;
import io.cairn.dump.internal.LoadPlan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.RawBsonDocument;

/**
 * Loads a MongoDB dump into the database the target URL names (the same or another one): per
 * collection it creates the collection with its options, inserts the documents in ordered
 * batches, then builds the indexes (after the data, which is faster than maintaining them
 * during the inserts); views are recreated from their definition.
 */
final class MongoLoad {
    private static final int BATCH_DOCUMENTS = 1000;
    private static final long BATCH_BYTES = 8L << 20;

    /** One dumped collection, as the manifest lists it. */
    record Collection(String name, String type, String file, long documents) {
        boolean isView() {
            return type.equals("view");
        }
    }

    record State(String database, List<Collection> collections) {
    }

    LoadPlan plan(LoadJob job) {
        DatabaseConfig target = job.target();
        LoadOptions options = job.options();
        if (options.jobs() > 1 || options.noOwner()) {
            throw new CairnException(ErrorCode.USAGE, "loading into '" + target.id() + "': --jobs and --no-owner "
                    + "apply to PostgreSQL dumps only");
        }
        String name = MongoNames.database(target);
        List<Collection> collections = selected(job.manifest(), options);
        List<String> existing = new ArrayList<>();
        try {
            database(job).listCollectionNames().forEach(existing::add);
        } catch (MongoException e) {
            throw MongoFailures.of(FailureMessages.of(target).during("checking database " + name)).classify(e).toException();
        }
        existing.removeIf(c -> c.startsWith("system."));
        if (!options.tables().isEmpty()) {
            existing.retainAll(options.tables());
        }
        if (!existing.isEmpty() && !options.clean() && !options.force()) {
            throw new CairnException(ErrorCode.PRECONDITION, "database '" + target.id() + "' is not empty: " + name
                    + " already has " + existing.size() + " collection(s) (" + String.join(", ", existing.stream().limit(5).toList())
                    + (existing.size() > 5 ? ", …" : "") + "); pass --clean to drop and recreate the dumped collections, "
                    + "or --force to insert into them anyway");
        }
        List<DumpEntry> entries = new ArrayList<>();
        for (Collection collection : collections) {
            if (!collection.isView()) {
                entries.add(entry(job.manifest(), collection.file() + MongoNames.BSON));
            }
            entries.add(entry(job.manifest(), collection.file() + MongoNames.METADATA));
        }
        return new LoadPlan(entries, false, "cairn (" + job.manifest().toolVersion() + ")", new State(name, collections),
                List.of());
    }

    @SuppressWarnings("unchecked")
    private static List<Collection> selected(DumpManifest manifest, LoadOptions options) {
        List<Collection> all = new ArrayList<>();
        for (Map<String, Object> c : (List<Map<String, Object>>) manifest.detail("collections").orElse(List.of())) {
            all.add(new Collection(String.valueOf(c.get("name")), String.valueOf(c.get("type")),
                    String.valueOf(c.get("file")), ((Number) c.get("documents")).longValue()));
        }
        if (options.tables().isEmpty()) {
            return all;
        }
        List<Collection> chosen = new ArrayList<>();
        for (String name : options.tables()) {
            chosen.add(all.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(() ->
                    new CairnException(ErrorCode.NOT_FOUND, "the dump of '" + manifest.db() + "' has no collection '"
                            + name + "' (it has: " + String.join(", ", all.stream().map(Collection::name).limit(30).toList()) + ")")));
        }
        return chosen;
    }

    private static DumpEntry entry(DumpManifest manifest, String file) {
        return manifest.entry("dump/" + file).orElseThrow(() -> new CairnException(ErrorCode.INTEGRITY,
                "the dump of '" + manifest.db() + "' lists " + file + " but does not hold it"));
    }

    private static MongoDatabase database(LoadJob job) {
        return job.dataManager().unwrap(job.target().id(), MongoClient.class).getDatabase(MongoNames.database(job.target()));
    }

    LoadOutcome load(LoadJob job, LoadPlan plan) {
        State state = plan.state(State.class);
        MongoDatabase database = database(job);
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("collections", 0L);
        counts.put("documents", 0L);
        counts.put("indexes", 0L);
        for (Collection collection : state.collections()) {
            try {
                loadCollection(job, database, collection, counts);
            } catch (MongoException e) {
                throw MongoFailures.of(FailureMessages.of(job.target()).during("loading collection " + collection.name()))
                        .classify(e).toException();
            } catch (IOException e) {
                throw MongoFailures.of(FailureMessages.of(job.target()).during("loading collection " + collection.name()))
                        .find(e).map(Failure::toException).orElseGet(() ->
                        cause(e).orElseGet(() -> new CairnException(ErrorCode.INTEGRITY, "loading collection "
                                + collection.name() + " failed: " + e.getMessage(), e)));
            }
            counts.merge("collections", 1L, Long::sum);
        }
        return new LoadOutcome(counts, List.of());
    }

    private void loadCollection(LoadJob job, MongoDatabase database, Collection collection, Map<String, Long> counts)
            throws IOException {
        Document metadata = Document.parse(read(job, entry(job.manifest(), collection.file() + MongoNames.METADATA)));
        Document options = metadata.get("options", new Document());
        if (job.options().clean()) {
            database.getCollection(collection.name()).drop();
        }
        boolean exists = database.listCollectionNames().into(new ArrayList<>()).contains(collection.name());
        if (collection.isView()) {
            if (!exists) {
                database.runCommand(new Document("create", collection.name()).append("viewOn", options.get("viewOn"))
                        .append("pipeline", options.get("pipeline")));
            }
            return;
        }
        if (!exists) {
            // created explicitly, so that empty collections and their options come back too
            Document create = new Document("create", collection.name());
            create.putAll(options);
            database.runCommand(create);
        }
        MongoCollection<RawBsonDocument> target = database.getCollection(collection.name(), RawBsonDocument.class);
        DumpEntry documents = entry(job.manifest(), collection.file() + MongoNames.BSON);
        try (InputStream in = job.reader().open(documents)) {
            counts.merge("documents", insert(target, new BsonDocuments(in, documents.name())), Long::sum);
        }
        List<Document> indexes = new ArrayList<>();
        for (Document index : metadata.getList("indexes", Document.class, List.of())) {
            if (!"_id_".equals(index.getString("name"))) {
                index.remove("ns");
                indexes.add(index);
            }
        }
        if (!indexes.isEmpty()) {
            database.runCommand(new Document("createIndexes", collection.name()).append("indexes", indexes));
            counts.merge("indexes", (long) indexes.size(), Long::sum);
        }
    }

    private static long insert(MongoCollection<RawBsonDocument> target, BsonDocuments documents) throws IOException {
        long count = 0;
        List<RawBsonDocument> batch = new ArrayList<>();
        long bytes = 0;
        for (Optional<RawBsonDocument> document = documents.next(); document.isPresent(); document = documents.next()) {
            batch.add(document.get());
            bytes += document.get().getByteBuffer().remaining();
            if (batch.size() >= BATCH_DOCUMENTS || bytes >= BATCH_BYTES) {
                target.insertMany(batch);
                count += batch.size();
                batch.clear();
                bytes = 0;
            }
        }
        if (!batch.isEmpty()) {
            target.insertMany(batch);
            count += batch.size();
        }
        return count;
    }

    private static String read(LoadJob job, DumpEntry entry) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        job.reader().copyTo(entry, bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Optional<CairnException> cause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CairnException cairn) {
                return Optional.of(cairn);
            }
        }
        return Optional.empty();
    }
}
