package io.cairn.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.DurationText;
import io.cairn.core.config.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The cache section: read and checked at load; docs/cache.md lists its keys and defaults. */
class CacheSettingsTest {
    private static final String DBS = "databases:\n  cache: { type: redis, url: \"redis://127.0.0.1:6379/0\" }\n"
            + "  main: { type: postgresql, url: \"postgresql://127.0.0.1:5432/app\" }\n";

    static CacheSettings read(String yaml) {
        return CacheSettings.from(CairnConfig.parse(DBS + yaml, "cairn.yaml", Environment.of(Map.of())));
    }

    @Test
    void defaultsAndEveryKeyRead() {
        assertThat(read("")).isEqualTo(CacheSettings.defaults());
        CacheSettings settings = read("""
                cache:
                  redis: cache
                  heartbeat: 500ms
                  heartbeat-timeout: 1s
                  breaker: { failures: 5, open-for: 10s }
                  caches:
                    customers: { l1: { max-size: 100000, ttl: 5min }, l2: { ttl: 1h }, refresh-after: 1min, negative-ttl: 10s, warm: "SELECT id FROM customers", warm-db: main }
                """);
        assertThat(settings.redis()).contains("cache");
        assertThat(settings.staleness()).isEqualTo(Duration.ofMillis(1500));
        assertThat(settings.spec("customers")).isEqualTo(CacheSpec.defaults().withL1(100_000, 0, Duration.ofMinutes(5))
                .withRefreshAfter(Duration.ofMinutes(1)).withWarm("SELECT id FROM customers", "main"));
        assertThat(settings.spec("other")).isEqualTo(CacheSpec.defaults());
    }

    @Test
    void mistakesAreNamedAtLoad() {
        assertThatThrownBy(() -> read("cache:\n  redis: main\n")).isInstanceOf(CairnException.class)
                .hasMessageContaining("cairn.yaml").hasMessageContaining("redis");
        assertThatThrownBy(() -> read("cache:\n  caches:\n    c: { l1: { ttl: 1min }, refresh-after: 2min }\n"))
                .isInstanceOf(CairnException.class).hasMessageContaining("refresh-after");
        assertThatThrownBy(() -> read("cache:\n  cahces: {}\n")).isInstanceOf(CairnException.class)
                .hasMessageContaining("cahces");
    }

    @Test
    void theDocsTableListsEveryKeyWithItsDefault() throws Exception {
        String doc = Files.readString(Path.of("../docs/cache.md"));
        String table = doc.substring(doc.indexOf("<!-- cache-settings -->"));
        Matcher row = Pattern.compile("^\\| `([a-z0-9.<>-]+)` \\| ([^|]+) \\|", Pattern.MULTILINE).matcher(table);
        Map<String, String> documented = new LinkedHashMap<>();
        while (row.find()) {
            documented.put(row.group(1).replace("caches.<name>.", ""), row.group(2).trim());
        }
        CacheSettings d = CacheSettings.defaults();
        CacheSpec s = CacheSpec.defaults();
        assertThat(documented.keySet()).containsExactlyInAnyOrder("redis", "heartbeat", "heartbeat-timeout", "redis-timeout",
                "breaker.failures", "breaker.open-for", "l1.max-size", "l1.ttl", "l2.ttl", "refresh-after", "negative-ttl",
                "lease", "warm", "warm-db");
        assertThat(CacheSettings.KEYS).hasSize(6);
        assertThat(CacheSpec.KEYS).hasSize(7);
        assertThat(duration(documented, "heartbeat")).isEqualTo(d.heartbeat());
        assertThat(duration(documented, "heartbeat-timeout")).isEqualTo(d.heartbeatTimeout());
        assertThat(duration(documented, "redis-timeout")).isEqualTo(d.redisTimeout());
        assertThat(duration(documented, "breaker.open-for")).isEqualTo(d.breakerOpenFor());
        assertThat(documented.get("breaker.failures")).isEqualTo(Integer.toString(d.breakerFailures()));
        assertThat(documented.get("l1.max-size")).isEqualTo(Long.toString(s.l1MaxSize()));
        assertThat(duration(documented, "l1.ttl")).isEqualTo(s.l1Ttl());
        assertThat(duration(documented, "l2.ttl")).isEqualTo(s.l2Ttl());
        assertThat(duration(documented, "refresh-after")).isEqualTo(s.refreshAfter());
        assertThat(duration(documented, "negative-ttl")).isEqualTo(s.negativeTtl());
        assertThat(duration(documented, "lease")).isEqualTo(s.lease());
    }

    private static Duration duration(Map<String, String> documented, String key) {
        return DurationText.parse(documented.get(key), key);
    }
}
