package io.cairn.migrate.internal.mongo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import org.bson.Document;

/**
 * Turns a migration's command object into the MongoDB command document runCommand sends. Raw
 * database commands ({@code create}, {@code createIndexes}, {@code insert}, {@code update},
 * {@code delete}, {@code drop}, {@code collMod}, ...) pass through unchanged; these shorthands
 * read like the shell's helpers:
 * <pre>
 * {"createCollection": "users", ...options}        → {"create": "users", ...}
 * {"createIndex": "users", "key": {...}, "unique": true, "name"?: ...}
 * {"dropIndex": "users", "name": "email_1"}         {"dropCollection": "users"}
 * {"insertOne": "users", "document": {...}}         {"insertMany": "users", "documents": [...]}
 * {"updateOne"|"updateMany": "users", "filter": {...}, "update": {...}, "upsert"?: true}
 * {"deleteOne"|"deleteMany": "users", "filter": {...}}
 * </pre>
 */
final class MongoCommands {
    private MongoCommands() {
    }

    static Document translate(ObjectNode command, String file, int line) {
        if (command.isEmpty()) {
            throw MongoScript.problem(file, line, "empty command object");
        }
        String verb = command.fieldNames().next();
        JsonNode target = command.get(verb);
        ObjectNode out = MongoScript.mapper().createObjectNode();
        switch (verb) {
            case "createCollection" -> {
                out.set("create", target);
                copyExcept(command, out, verb);
            }
            case "createIndex" -> {
                JsonNode key = require(command, "key", file, line);
                ObjectNode index = out.objectNode();
                index.set("key", key);
                index.put("name", command.hasNonNull("name") ? command.get("name").asText() : indexName(key));
                copyExcept(command, index, verb, "key", "name");
                out.set("createIndexes", target);
                out.putArray("indexes").add(index);
            }
            case "dropIndex" -> {
                out.set("dropIndexes", target);
                out.set("index", require(command, "name", file, line));
            }
            case "dropCollection" -> out.set("drop", target);
            case "insertOne" -> {
                out.set("insert", target);
                out.putArray("documents").add(require(command, "document", file, line));
            }
            case "insertMany" -> {
                out.set("insert", target);
                out.set("documents", require(command, "documents", file, line));
            }
            case "updateOne", "updateMany" -> {
                ObjectNode update = out.objectNode();
                update.set("q", require(command, "filter", file, line));
                update.set("u", require(command, "update", file, line));
                update.put("multi", verb.equals("updateMany"));
                if (command.has("upsert")) {
                    update.set("upsert", command.get("upsert"));
                }
                out.set("update", target);
                out.putArray("updates").add(update);
            }
            case "deleteOne", "deleteMany" -> {
                ObjectNode delete = out.objectNode();
                delete.set("q", require(command, "filter", file, line));
                delete.put("limit", verb.equals("deleteOne") ? 1 : 0);
                out.set("delete", target);
                out.putArray("deletes").add(delete);
            }
            default -> out.setAll(command);
        }
        try {
            return Document.parse(out.toString());
        } catch (RuntimeException e) {
            throw MongoScript.problem(file, line, "not a valid command document: " + e.getMessage());
        }
    }

    private static JsonNode require(ObjectNode command, String field, String file, int line) {
        JsonNode value = command.get(field);
        if (value == null || value.isNull()) {
            throw MongoScript.problem(file, line, command.fieldNames().next() + " needs \"" + field + "\"");
        }
        return value;
    }

    private static void copyExcept(ObjectNode from, ObjectNode to, String... skipped) {
        Iterator<Map.Entry<String, JsonNode>> fields = from.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!java.util.Arrays.asList(skipped).contains(field.getKey())) {
                to.set(field.getKey(), field.getValue());
            }
        }
    }

    /** MongoDB's default index name: field_direction pairs joined by '_', e.g. email_1_created_-1. */
    static String indexName(JsonNode key) {
        StringBuilder name = new StringBuilder();
        key.fields().forEachRemaining(field -> {
            if (name.length() > 0) {
                name.append('_');
            }
            name.append(field.getKey()).append('_').append(field.getValue().asText());
        });
        return name.toString();
    }

    static ArrayNode array(ObjectNode node, String field) {
        return (ArrayNode) node.get(field);
    }
}
