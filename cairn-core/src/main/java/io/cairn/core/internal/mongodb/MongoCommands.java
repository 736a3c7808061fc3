package io.cairn.core.internal.mongodb;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonParseException;
import org.bson.json.JsonWriterSettings;

/**
 * The native commands {@code queryDatabase} accepts for MongoDB: a command document (JSON text
 * or Map), or one of a few verbs — find, insert, count, delete. Results are plain Java maps and
 * lists (relaxed Extended JSON: ObjectIds appear as {"$oid": ...}).
 */
final class MongoCommands {
    static final List<String> VERBS = List.of("find", "insert", "count", "delete", "command");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private final String prefix;

    MongoCommands(String prefix) {
        this.prefix = prefix;
    }

    Object run(MongoDatabase database, String command, Object[] args) {
        String trimmed = command.trim();
        if (trimmed.startsWith("{")) {
            return plain(database.runCommand(document(trimmed, "command")));
        }
        switch (trimmed.toLowerCase(Locale.ROOT)) {
            case "command":
                return plain(database.runCommand(document(arg(args, 0, "a command document"), "command")));
            case "find":
                return find(collection(database, args), args);
            case "insert":
                return insert(collection(database, args), args);
            case "count":
                return collection(database, args).countDocuments(args.length > 1 ? document(args[1], "filter") : new Document());
            case "delete":
                return collection(database, args).deleteMany(document(arg(args, 1, "a filter ({} for all)"), "filter"))
                        .getDeletedCount();
            default:
                throw new CairnException(ErrorCode.USAGE, prefix + "unknown MongoDB command \"" + command
                        + "\" (use a command document such as {\"ping\": 1}, or one of " + String.join(", ", VERBS) + ")");
        }
    }

    private List<Map<String, Object>> find(MongoCollection<Document> collection, Object[] args) {
        Document filter = args.length > 1 ? document(args[1], "filter") : new Document();
        int limit = 0;
        if (args.length > 2) {
            try {
                limit = Integer.parseInt(String.valueOf(args[2]).trim());
            } catch (NumberFormatException e) {
                throw usage("the limit must be a whole number, got \"" + args[2] + "\"");
            }
        }
        List<Map<String, Object>> found = new ArrayList<>();
        for (Document document : collection.find(filter).limit(limit)) {
            found.add(plain(document));
        }
        return found;
    }

    private long insert(MongoCollection<Document> collection, Object[] args) {
        if (args.length < 2) {
            throw usage("insert needs a collection and at least one document: insert, \"users\", \"{\\\"name\\\": \\\"ann\\\"}\"");
        }
        List<Document> documents = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            documents.add(document(args[i], "document"));
        }
        return collection.insertMany(documents).getInsertedIds().size();
    }

    private MongoCollection<Document> collection(MongoDatabase database, Object[] args) {
        return database.getCollection(String.valueOf(arg(args, 0, "a collection name")));
    }

    private Object arg(Object[] args, int index, String what) {
        if (args == null || args.length <= index) {
            throw usage("argument " + (index + 1) + " must be " + what);
        }
        return args[index];
    }

    @SuppressWarnings("unchecked")
    private Document document(Object value, String what) {
        if (value instanceof Document) {
            return (Document) value;
        }
        if (value instanceof Map) {
            return new Document((Map<String, Object>) value);
        }
        try {
            return Document.parse(String.valueOf(value));
        } catch (JsonParseException | IllegalArgumentException e) {
            throw usage("the " + what + " is not a JSON document: " + e.getMessage());
        }
    }

    private CairnException usage(String problem) {
        return new CairnException(ErrorCode.USAGE, prefix + problem + " (see docs/databases.md)");
    }

    /** A BSON document as plain Java maps, lists, strings, numbers and booleans. */
    static Map<String, Object> plain(Document document) {
        try {
            return JSON.readValue(document.toJson(RELAXED), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the driver produced JSON that does not parse", e);
        }
    }
}
