package io.cairn.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

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
            String original = String.valueOf(e.getOriginalMessage());
            if (original.startsWith("Duplicate field '")) {
                String key = original.substring("Duplicate field '".length(), original.indexOf('\'', 17));
                throw new CairnException(ErrorCode.CONFIG, source + ": " + where(e.getLocation()) + "duplicate key '"
                        + key + "' (each key may appear once in a mapping; remove or rename one)", e);
            }
            throw new CairnException(ErrorCode.CONFIG, source + ": " + describe(e)
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

    /** Prefers SnakeYAML's problem and its mark (where the bad character is) over the context mark. */
    private static String describe(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException) {
                MarkedYAMLException marked = (MarkedYAMLException) t;
                Mark mark = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
                String problem = marked.getProblem() != null ? marked.getProblem() : marked.getContext();
                String where = mark == null ? "" : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": ";
                return where + oneLine(problem);
            }
        }
        return where(e.getLocation()) + problem(e);
    }

    private static String oneLine(String text) {
        return text == null ? "invalid YAML" : text.replace("\t", "TAB").replaceAll("\\s+", " ").strip();
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
