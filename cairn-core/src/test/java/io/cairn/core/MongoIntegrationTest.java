package io.cairn.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.mongodb.client.MongoClient;
import io.cairn.testkit.MongoExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Against mongo-java-server (a MongoDB-wire-compatible server): no real MongoDB can be installed here. */
class MongoIntegrationTest {
    @RegisterExtension
    static final MongoExtension mongo = MongoExtension.create();

    private DataManager dm;

    @BeforeEach
    void open() {
        dm = DataManager.open(TestConfigs.databases().add("docs", "mongodb", mongo).config());
    }

    @AfterEach
    void close() {
        dm.close();
    }

    @Test
    void runsCommandDocuments() {
        Object pong = dm.queryDatabase("docs", "{\"ping\": 1}");

        assertThat(pong).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) pong).get("ok")).isIn(1, 1.0);
        assertThat(dm.queryDatabase("docs", "command", Map.of("ping", 1))).isInstanceOf(Map.class);
    }

    @Test
    void insertsFindsCountsAndDeletes() {
        dm.queryDatabase("docs", "delete", "users", "{}");

        assertThat(dm.queryDatabase("docs", "insert", "users", "{\"name\": \"ann\", \"age\": 31}", Map.of("name", "bo", "age", 25)))
                .isEqualTo(2L);
        Object found = dm.queryDatabase("docs", "find", "users", "{\"age\": {\"$gt\": 30}}");
        assertThat(found).isInstanceOf(List.class);
        assertThat((List<?>) found).singleElement().satisfies(doc -> assertThat(((Map<?, ?>) doc).get("name")).isEqualTo("ann"));
        assertThat(dm.queryDatabase("docs", "count", "users")).isEqualTo(2L);
        assertThat(dm.queryDatabase("docs", "delete", "users", "{\"name\": \"bo\"}")).isEqualTo(1L);
        assertThat(dm.unwrap("docs", MongoClient.class)).isNotNull();
    }

    @Test
    void unknownVerbsAndBadJsonAreUsageErrors() {
        CairnException verb = catchThrowableOfType(() -> dm.queryDatabase("docs", "upsert", "users"), CairnException.class);
        CairnException json = catchThrowableOfType(() -> dm.queryDatabase("docs", "find", "users", "{nope"), CairnException.class);

        assertThat(verb.code()).isEqualTo(ErrorCode.USAGE);
        assertThat(verb.getMessage()).contains("unknown MongoDB command \"upsert\"").contains("find, insert, count, delete");
        assertThat(json.code()).isEqualTo(ErrorCode.USAGE);
    }

    @Test
    void healthIsUp() {
        DatabaseHealth health = dm.health("docs");

        assertThat(health.status()).isEqualTo(HealthStatus.UP);
        assertThat(health.pool().max()).isEqualTo(4);
    }
}
