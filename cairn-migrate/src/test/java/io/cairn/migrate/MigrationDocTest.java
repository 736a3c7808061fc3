package io.cairn.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.migrate.internal.SettingsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/migrations.md lists every key of the migrations: section with the defaults MigrationSettings holds. */
class MigrationDocTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z-]+)` \\| ([^|]+) \\|", Pattern.MULTILINE);

    private static Map<String, String> documented() throws IOException {
        String doc = Files.readString(Path.of("../docs/migrations.md"));
        String section = doc.substring(doc.indexOf("## Configuration"), doc.indexOf("## History"));
        Map<String, String> keys = new LinkedHashMap<>();
        Matcher matcher = ROW.matcher(section);
        while (matcher.find()) {
            keys.put(matcher.group(1), matcher.group(2).trim().replace("`", ""));
        }
        return keys;
    }

    @Test
    void everyKeyIsDocumentedWithItsDefault() throws IOException {
        Map<String, String> keys = documented();
        assertThat(keys.keySet()).containsExactlyElementsOf(SettingsReader.COMMON_KEYS);
        assertThat(keys.get("location")).isEqualTo(MigrationSettings.DEFAULT_LOCATION);
        assertThat(keys.get("table")).isEqualTo(MigrationSettings.DEFAULT_TABLE);
        assertThat(keys.get("redis-key")).isEqualTo(MigrationSettings.DEFAULT_REDIS_KEY);
        assertThat(keys.get("out-of-order")).isEqualTo(String.valueOf(MigrationSettings.DEFAULT_OUT_OF_ORDER));
        assertThat(Duration.ofMinutes(Long.parseLong(keys.get("lock-timeout").replace("min", ""))))
                .isEqualTo(MigrationSettings.DEFAULT_LOCK_TIMEOUT);
        assertThat(Duration.ofSeconds(Long.parseLong(keys.get("lease").replace("s", ""))))
                .isEqualTo(MigrationSettings.DEFAULT_LEASE);
    }
}
