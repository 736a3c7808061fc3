package io.cairn.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;

/** Reads YAML text into a tree, turning syntax errors into one line with the line and column. */
final class YamlDocument {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private YamlDocument() {
    }

    static JsonNode read(String yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new CairnException(ErrorCode.CONFIG, source + ": " + where(e.getLocation()) + problem(e)
                    + " (fix the YAML syntax there; quote values that contain ': ', '#', '{' or '${')", e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new CairnException(ErrorCode.CONFIG, source
                    + ": the file is empty (add a databases: section, see docs/configuration.md)");
        }
        if (!root.isObject()) {
            throw new CairnException(ErrorCode.CONFIG, source + ": expected a mapping of sections at the top, got "
                    + ConfigSection.describe(root) + " (start with databases:)");
        }
        return root;
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
    }

    /** The first line of the parser's message, without Jackson's source excerpt. */
    private static String problem(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null || message.isBlank()) {
            return "invalid YAML";
        }
        String firstLine = message.strip().lines().findFirst().orElse("invalid YAML");
        return firstLine.replaceAll("\\s+", " ");
    }
}
