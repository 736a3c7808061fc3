package io.cairn.events.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.core.CairnException;
import io.cairn.core.CairnJson;
import io.cairn.core.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * One line of an export's {@code events.ndjson}: an event as stored (payload and metadata as
 * JSON, not upcast), and the hash of its content, which tells on import whether an event already
 * present at the same stream and version is the same event.
 */
record EventLines(UUID eventId, String stream, long version, String type, int schemaVersion, JsonNode payload,
        JsonNode metadata, Instant recordedAt, String position) {
    private static final ObjectMapper MAPPER = CairnJson.mapper();

    static EventLines of(UUID eventId, String stream, long version, String type, int schemaVersion, String payload,
            String metadata, Instant recordedAt, String position) {
        return new EventLines(eventId, stream, version, type, schemaVersion, tree(payload), tree(metadata), recordedAt,
                position);
    }

    /** The line, without its newline. */
    String toJson() {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("eventId", eventId.toString());
        node.put("stream", stream);
        node.put("version", version);
        node.put("type", type);
        node.put("schemaVersion", schemaVersion);
        node.set("payload", payload);
        node.set("metadata", metadata);
        node.put("recordedAt", recordedAt.toString());
        node.put("position", position);
        return node.toString();
    }

    static EventLines parse(String line, String where) {
        try {
            JsonNode node = MAPPER.readTree(line);
            return new EventLines(UUID.fromString(node.required("eventId").asText()), node.required("stream").asText(),
                    node.required("version").asLong(), node.required("type").asText(),
                    node.required("schemaVersion").asInt(), node.required("payload"), node.required("metadata"),
                    Instant.parse(node.required("recordedAt").asText()), node.path("position").asText());
        } catch (JsonProcessingException | IllegalArgumentException | java.time.DateTimeException e) {
            throw new CairnException(ErrorCode.INTEGRITY, where + " is not an exported event: " + e.getMessage(), e);
        }
    }

    /** SHA-256 of type, schema version, payload and metadata: what makes two events at one stream version the same. */
    String contentHash() {
        return contentHash(type, schemaVersion, payload, metadata);
    }

    static String contentHash(String type, int schemaVersion, JsonNode payload, JsonNode metadata) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", type);
        node.put("schemaVersion", schemaVersion);
        node.set("payload", payload);
        node.set("metadata", metadata);
        return sha256(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CairnException(ErrorCode.INTEGRITY, "stored event JSON does not parse: " + e.getOriginalMessage(), e);
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
