package io.cairn.dump;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.core.CairnJson;
import io.cairn.core.config.DatabaseType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON that --json prints: stable field names, durations in ms, enums as labels. */
class ResultJsonTest {
    private static final ObjectMapper JSON = CairnJson.mapper();

    @Test
    void dumpResultAndInfoAndLoadResultSerialize() throws Exception {
        DumpResult dump = new DumpResult("ab".repeat(32), "abababab", "main", DatabaseType.POSTGRESQL, DumpFormat.CUSTOM,
                "15.8", "pg_dump 15.8", Instant.parse("2024-05-01T02:00:00Z"), 1000, 1, "cd".repeat(32), 400, 200,
                Duration.ofMillis(1500), List.of());
        JsonNode node = JSON.readTree(JSON.writeValueAsString(dump));
        assertThat(node.get("format").asText()).isEqualTo("custom");
        assertThat(node.get("type").asText()).isEqualTo("postgresql");
        assertThat(node.get("durationMs").asLong()).isEqualTo(1500);
        assertThat(node.has("duration")).isFalse();
        assertThat(node.get("time").asText()).isEqualTo("2024-05-01T02:00:00Z");

        DumpInfo info = new DumpInfo("ab".repeat(32), "abababab", Instant.EPOCH, "main", DatabaseType.REDIS, Optional.of("0"),
                "redis://127.0.0.1:6379/0", DumpFormat.RDB, false, false, List.of(), "7.0.15", "cairn PSYNC (RDB 10)",
                1000, 100, 0.9, "ef".repeat(32), List.of(new DumpEntry("dump/dump.rdb", 1000, "ef".repeat(32))), List.of("dump"));
        JsonNode infoNode = JSON.readTree(JSON.writeValueAsString(info));
        assertThat(infoNode.get("database").asText()).isEqualTo("0");
        assertThat(infoNode.get("entries").get(0).get("name").asText()).isEqualTo("dump/dump.rdb");

        LoadResult load = new LoadResult("ab".repeat(32), "abababab", "main", "copy", DatabaseType.MONGODB, DumpFormat.BSON,
                List.of("orders"), 1000, "ef".repeat(32), "cairn", Map.of("documents", 5L), Duration.ofSeconds(2), List.of());
        JsonNode loadNode = JSON.readTree(JSON.writeValueAsString(load));
        assertThat(loadNode.get("counts").get("documents").asLong()).isEqualTo(5);
        assertThat(loadNode.get("durationMs").asLong()).isEqualTo(2000);
    }
}
