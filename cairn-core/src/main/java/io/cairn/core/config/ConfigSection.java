package io.cairn.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One mapping of the configuration file together with where it is (file and key path), so that
 * every typed getter can report a problem as a single line naming the file, the key and the fix:
 * {@code cairn.yaml: databases.main.pool.max: expected a whole number, got "twenty" (example: pool: { max: 10 })}.
 * References ({@code ${NAME}}, {@code ${file:/path}}) are resolved when a string is read, so a
 * section nobody reads never fails on a variable nobody set.
 */
public final class ConfigSection {
    private final JsonNode node;
    private final String source;
    private final String path;
    private final References references;

    ConfigSection(JsonNode node, String source, String path, References references) {
        this.node = node == null || node.isMissingNode() || node.isNull()
                ? JsonNodeFactory.instance.objectNode() : node;
        this.source = source;
        this.path = path;
        this.references = references;
    }

    /** The file (or other source) this section was read from, as the user named it. */
    public String source() {
        return source;
    }

    /** The dotted key path of this section, e.g. {@code databases.main.pool}; empty for the root. */
    public String path() {
        return path;
    }

    /** The dotted key path of a key inside this section. */
    public String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The keys of this mapping, in file order. */
    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return Collections.unmodifiableSet(keys);
    }

    public boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    /** Fails on the first key that is not one of {@code valid}, suggesting the closest valid key. */
    public void requireOnlyKeys(Set<String> valid) {
        for (String key : keys()) {
            if (!valid.contains(key)) {
                throw error(key, "unknown key", Suggestions.hint(key, valid, "keys"));
            }
        }
    }

    public String string(String key) {
        return optionalString(key).orElseThrow(() -> missing(key, "\"text\""));
    }

    public String string(String key, String defaultValue) {
        return optionalString(key).orElse(defaultValue);
    }

    public Optional<String> optionalString(String key) {
        return scalar(key, "text", "a text value", "\"text\"");
    }

    public int integer(String key) {
        return optionalInteger(key).orElseThrow(() -> missing(key, "10"));
    }

    public int integer(String key, int defaultValue) {
        return optionalInteger(key, String.valueOf(defaultValue)).orElse(defaultValue);
    }

    /** A whole number between {@code min} and {@code max} inclusive. */
    public int integer(String key, int defaultValue, int min, int max) {
        int value = integer(key, defaultValue);
        if (value < min || value > max) {
            throw error(key, "must be between " + min + " and " + max + ", got " + value,
                    example(key, String.valueOf(defaultValue)));
        }
        return value;
    }

    public Optional<Integer> optionalInteger(String key) {
        return optionalInteger(key, "10");
    }

    private Optional<Integer> optionalInteger(String key, String sample) {
        return typed(key, "a whole number", sample, text -> {
            try {
                return Optional.of(Integer.parseInt(text.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** A decimal number, e.g. a multiplier. */
    public double number(String key, double defaultValue) {
        return typed(key, "a number", String.valueOf(defaultValue), text -> {
            try {
                double value = Double.parseDouble(text.trim());
                return Double.isFinite(value) ? Optional.of(value) : Optional.<Double>empty();
            } catch (NumberFormatException e) {
                return Optional.<Double>empty();
            }
        }).orElse(defaultValue);
    }

    public boolean bool(String key, boolean defaultValue) {
        return typed(key, "true or false", String.valueOf(defaultValue), text -> {
            String trimmed = text.trim();
            if (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")) {
                return Optional.of(Boolean.parseBoolean(trimmed));
            }
            return Optional.<Boolean>empty();
        }).orElse(defaultValue);
    }

    /** "30s", "5min", "26h", "500ms" or ISO-8601 "PT30S". */
    public Duration duration(String key, Duration defaultValue) {
        return optionalDuration(key, Values.format(defaultValue)).orElse(defaultValue);
    }

    public Optional<Duration> optionalDuration(String key) {
        return optionalDuration(key, "30s");
    }

    private Optional<Duration> optionalDuration(String key, String sample) {
        return typed(key, DurationText.EXAMPLES + " (m is ambiguous: write min or mo)", sample, text -> Values.parseDuration(text)
                .filter(d -> !d.isNegative()));
    }

    /** A byte count: "10MiB", "1GB", or a bare number of bytes. */
    public long size(String key, long defaultValue) {
        return typed(key, "a size like 512KiB, 10MiB, 1GB", "10MiB", Values::parseSize).orElse(defaultValue);
    }

    /** A percentage between 0 and 100: "80%" or 80, returned as 80.0. */
    public double percent(String key, double defaultValue) {
        return typed(key, "a percentage between 0% and 100%", "80%", Values::parsePercent).orElse(defaultValue);
    }

    /** A secret string; usually a reference such as {@code ${PGPASSWORD}} or {@code ${file:/run/secrets/db}}. */
    public Optional<Secret> secret(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isValueNode()) {
            // never echo what was given: it may be the secret itself
            throw error(key, "expected a text value", "example: " + key + ": \"${PGPASSWORD}\"");
        }
        return Optional.of(Secret.of(resolve(key, value.asText())));
    }

    public Optional<ConfigSection> section(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw error(key, "expected a mapping, got " + describe(value), "example: " + key + ": { key: value }");
        }
        return Optional.of(new ConfigSection(value, source, pathOf(key), references));
    }

    /** The named sub-section, or an empty one with the right path when absent (so defaults apply). */
    public ConfigSection sectionOrEmpty(String key) {
        return section(key).orElseGet(() -> new ConfigSection(null, source, pathOf(key), references));
    }

    /** A list of text values; a single text value counts as a list of one. */
    public List<String> stringList(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (value.isValueNode()) {
            return List.of(resolve(key, value.asText()));
        }
        if (!value.isArray()) {
            throw error(key, "expected a list, got " + describe(value), "example: " + key + ": [a, b]");
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isValueNode() || item.isNull()) {
                throw error(key + "[" + i + "]", "expected a text value, got " + describe(item),
                        "example: " + key + ": [a, b]");
            }
            items.add(resolve(key + "[" + i + "]", item.asText()));
        }
        return List.copyOf(items);
    }

    /** A list of mappings, each as a section with path {@code key[i]}. */
    public List<ConfigSection> sectionList(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw error(key, "expected a list, got " + describe(value), "example: " + key + ": [ { key: value } ]");
        }
        List<ConfigSection> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemKey = key + "[" + i + "]";
            if (!item.isObject()) {
                throw error(itemKey, "expected a mapping, got " + describe(item), "example: " + key + ": [ { key: value } ]");
            }
            items.add(new ConfigSection(item, source, pathOf(itemKey), references));
        }
        return List.copyOf(items);
    }

    /** One of a fixed set of names, e.g. a database type; unknown names get a "did you mean". */
    public <T> T choice(String key, Map<String, T> choices) {
        return optionalChoice(key, choices).orElseThrow(() -> error(key, "missing",
                "set " + key + ": to one of " + String.join(", ", choices.keySet())));
    }

    public <T> Optional<T> optionalChoice(String key, Map<String, T> choices) {
        return optionalString(key).map(name -> {
            T value = choices.get(name.trim());
            if (value == null) {
                throw error(key, "unknown value \"" + name + "\"", Suggestions.hint(name, choices.keySet(), "values"));
            }
            return value;
        });
    }

    /** A configuration error about a key of this section, as one line: source: path.key: problem (fix). */
    public CairnException error(String key, String problem, String fix) {
        return new CairnException(ErrorCode.CONFIG, source + ": " + pathOf(key) + ": " + problem + " (" + fix + ")");
    }

    /** A configuration error about this section as a whole. */
    public CairnException error(String problem, String fix) {
        String where = path.isEmpty() ? "" : path + ": ";
        return new CairnException(ErrorCode.CONFIG, source + ": " + where + problem + " (" + fix + ")");
    }

    /** The resolved text of a scalar, with references expanded. */
    private Optional<String> scalar(String key, String kind, String expected, String sample) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isValueNode()) {
            throw error(key, "expected " + expected + ", got " + describe(value), example(key, sample));
        }
        return Optional.of(resolve(key, value.asText()));
    }

    private <T> Optional<T> typed(String key, String expected, String sample, Function<String, Optional<T>> parser) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isValueNode()) {
            throw error(key, "expected " + expected + ", got " + describe(value), example(key, sample));
        }
        String raw = value.asText();
        String resolved = resolve(key, raw);
        return Optional.of(parser.apply(resolved).orElseThrow(() -> {
            String got = References.containsReference(raw) ? describe(value) + " (after resolving references)" : describe(value);
            return error(key, "expected " + expected + ", got " + got, example(key, sample));
        }));
    }

    private String resolve(String key, String text) {
        try {
            return references.resolve(text);
        } catch (References.Problem problem) {
            throw error(key, problem.getMessage(), problem.fix());
        }
    }

    private CairnException missing(String key, String sample) {
        return error(key, "missing", "add it, e.g. " + example(key, sample).substring("example: ".length()));
    }

    /** "example: pool: { max: 10 }" — the key shown inside its parent, the way users write it. */
    private String example(String key, String sample) {
        String name = path.isEmpty() ? "" : path.substring(path.lastIndexOf('.') + 1);
        if (name.isEmpty() || name.endsWith("]")) {
            return "example: " + key + ": " + sample;
        }
        return "example: " + name + ": { " + key + ": " + sample + " }";
    }

    static String describe(JsonNode value) {
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isTextual()) {
            String text = value.asText();
            return "\"" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "\"";
        }
        return value.asText();
    }

    /** Iterates the (key, sub-node) pairs; used to build per-entry sections such as databases. */
    Iterator<Map.Entry<String, JsonNode>> entries() {
        return node.fields();
    }

    JsonNode node() {
        return node;
    }

    References references() {
        return references;
    }

    @Override
    public String toString() {
        // keys only: values may hold secrets
        return "ConfigSection[" + source + ": " + (path.isEmpty() ? "(root)" : path) + " " + keys() + "]";
    }
}
