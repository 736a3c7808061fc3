package io.cairn.dump.redis.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Fields of an INFO reply ({@code key:value} lines). */
final class RedisInfo {
    private final Map<String, String> fields = new LinkedHashMap<>();

    RedisInfo(Object reply) {
        String text = reply instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(reply);
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(fields.get(key));
    }

    String version() {
        return get("redis_version").orElse("unknown");
    }

    /** Keys per database index, from {@code db0:keys=12,expires=3,avg_ttl=0}. */
    Map<String, Long> keyspace() {
        Map<String, Long> keys = new LinkedHashMap<>();
        fields.forEach((key, value) -> {
            if (key.matches("db\\d+") && value.startsWith("keys=")) {
                int comma = value.indexOf(',');
                keys.put(key.substring(2), Long.parseLong(value.substring(5, comma < 0 ? value.length() : comma)));
            }
        });
        return keys;
    }

    /** The newest RDB version a server of this version writes and reads (-1 when unknown). */
    int rdbVersion() {
        String[] parts = version().split("\\.");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            int combined = major * 100 + minor;
            return combined >= 704 ? 12 : combined >= 702 ? 11 : combined >= 700 ? 10 : combined >= 500 ? 9
                    : combined >= 400 ? 8 : combined >= 302 ? 7 : 6;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
