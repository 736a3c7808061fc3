package io.cairn.events.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.core.CairnException;
import io.cairn.core.CairnJson;
import io.cairn.core.ErrorCode;
import io.cairn.events.EventMetadata;
import io.cairn.events.EventTypes;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Events to and from JSON (Jackson), running the upcasters of old schema versions on the way in. */
public final class EventCodec {
    private final ObjectMapper mapper = CairnJson.mapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final EventTypes types;

    public EventCodec(EventTypes types) {
        this.types = types;
    }

    public EventTypes types() {
        return types;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public String write(Object event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new CairnException(ErrorCode.USAGE, "event " + event.getClass().getName()
                    + " cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The event as the registered class at its current version, or the JSON tree when its type is unknown. */
    public Object read(String type, int schemaVersion, String payload, String where) {
        try {
            JsonNode node = mapper.readTree(payload);
            Optional<EventTypes.Type> registered = types.named(type);
            if (registered.isEmpty()) {
                return node;
            }
            for (int version = schemaVersion; version < registered.get().version(); version++) {
                UnaryOperator<ObjectNode> upcast = types.upcasterOf(type, version).orElseThrow(() -> new CairnException(
                        ErrorCode.PRECONDITION, where + ": no upcaster for " + type + " from schema version "
                        + schemaVersionText(schemaVersion, registered.get().version()) + "; register one with types().upcaster"));
                node = upcast.apply((ObjectNode) node);
            }
            return mapper.treeToValue(node, registered.get().javaClass());
        } catch (JsonProcessingException e) {
            throw new CairnException(ErrorCode.INTEGRITY, where + ": its " + type + " payload does not map to the class: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static String schemaVersionText(int from, int to) {
        return from + " (current " + to + ")";
    }

    public String writeMetadata(EventMetadata metadata) {
        ObjectNode node = mapper.createObjectNode();
        metadata.correlationId().ifPresent(v -> node.put("correlationId", v));
        metadata.causationId().ifPresent(v -> node.put("causationId", v));
        metadata.userId().ifPresent(v -> node.put("userId", v));
        return node.toString();
    }

    public EventMetadata readMetadata(String json) {
        try {
            JsonNode node = mapper.readTree(json);
            return new EventMetadata(text(node, "correlationId"), text(node, "causationId"), text(node, "userId"));
        } catch (JsonProcessingException e) {
            throw new CairnException(ErrorCode.INTEGRITY, "event metadata is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }
}
