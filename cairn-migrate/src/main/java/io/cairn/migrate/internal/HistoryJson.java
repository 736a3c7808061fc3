package io.cairn.migrate.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

/** History entries as JSON objects, for stores without tables (the Redis history hash). */
public final class HistoryJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HistoryJson() {
    }

    public static String write(HistoryEntry entry) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("installed_rank", entry.rank());
        entry.version().ifPresentOrElse(v -> node.put("version", v), () -> node.putNull("version"));
        node.put("description", entry.description());
        node.put("type", entry.type());
        node.put("script", entry.script());
        entry.checksum().ifPresentOrElse(c -> node.put("checksum", c), () -> node.putNull("checksum"));
        node.put("installed_by", entry.installedBy());
        node.put("installed_on", entry.installedOn().toString());
        node.put("execution_time_ms", entry.executionTimeMs());
        node.put("success", entry.success());
        return node.toString();
    }

    public static HistoryEntry read(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            return new HistoryEntry(node.get("installed_rank").asInt(), text(node, "version"), node.get("description").asText(),
                    node.get("type").asText(), node.get("script").asText(),
                    node.hasNonNull("checksum") ? Optional.of(node.get("checksum").asInt()) : Optional.empty(),
                    node.get("installed_by").asText(), Instant.parse(node.get("installed_on").asText()),
                    node.get("execution_time_ms").asLong(), node.get("success").asBoolean());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }
}
