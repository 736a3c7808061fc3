package io.cairn.events.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.core.CairnException;
import io.cairn.core.CairnJson;
import io.cairn.core.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** The {@code manifest.json} of an events export: what the events file must hold, checked on import. */
record ExportManifest(int format, String db, Instant from, Instant to, long events, String sha256, long bytes) {
    static final int FORMAT = 1;

    byte[] toJson() {
        ObjectNode node = CairnJson.mapper().createObjectNode();
        node.put("format", format);
        node.put("db", db);
        node.put("from", from.toString());
        node.put("to", to.toString());
        node.put("events", events);
        node.put("sha256", sha256);
        node.put("bytes", bytes);
        return node.toPrettyString().getBytes(StandardCharsets.UTF_8);
    }

    static ExportManifest parse(byte[] json, String snapshot) {
        try {
            JsonNode node = CairnJson.mapper().readTree(json);
            ExportManifest manifest = new ExportManifest(node.required("format").asInt(), node.required("db").asText(),
                    Instant.parse(node.required("from").asText()), Instant.parse(node.required("to").asText()),
                    node.required("events").asLong(), node.required("sha256").asText(), node.required("bytes").asLong());
            if (manifest.format() != FORMAT) {
                throw new CairnException(ErrorCode.PRECONDITION, "snapshot " + snapshot + ": events export format "
                        + manifest.format() + " is not one this Cairn reads (" + FORMAT + "); upgrade Cairn");
            }
            return manifest;
        } catch (IOException | IllegalArgumentException | java.time.DateTimeException e) {
            throw new CairnException(ErrorCode.INTEGRITY, "snapshot " + snapshot + ": its " + "manifest.json is damaged ("
                    + e.getMessage() + "); export the range again", e);
        }
    }
}
