package io.cairn.agent.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The decoded query string of a request; malformed encodings are a 400. */
final class QueryParameters {
    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    static QueryParameters parse(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                try {
                    String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                    String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                    values.put(key, value);
                } catch (IllegalArgumentException e) {
                    throw new AdminServer.HttpProblem(400, "malformed query string");
                }
            }
        }
        return new QueryParameters(values);
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    int integer(String key, int defaultValue, int min, int max) {
        Optional<String> text = get(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new AdminServer.HttpProblem(400, "query parameter " + key + " must be a whole number " + min + ".." + max);
    }
}
