package io.cairn.events;

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
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The events section: read and checked at load; docs/events.md lists its keys and defaults. */
class EventSettingsTest {
    static EventSettings read(String yaml) {
        return EventSettings.from(CairnConfig.parse(yaml, "cairn.yaml", Environment.of(Map.of())));
    }

    @Test
    void defaultsWithoutASectionAndEveryKeyRead() {
        assertThat(read("databases: {}\n")).isEqualTo(EventSettings.defaults());
        EventSettings settings = read("""
                databases:
                  main: { type: postgresql, url: "postgresql://localhost/app" }
                events: { database: main, batch-size: 10, poll-interval: 100ms, snapshot-every: 5, max-attempts: 2,
                          stall-after: 30s, notify: false }
                """);
        assertThat(settings).isEqualTo(new EventSettings(Optional.of("main"), 10, Duration.ofMillis(100), 5, 2,
                Duration.ofSeconds(30), false));
    }

    @Test
    void mistakesAreNamedAtLoad() {
        assertThatThrownBy(() -> read("events: { batchsize: 3 }\n")).isInstanceOf(CairnException.class)
                .hasMessageContaining("cairn.yaml").hasMessageContaining("batchsize");
        assertThatThrownBy(() -> read("events: { database: nope }\n")).isInstanceOf(CairnException.class)
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> read("events: { poll-interval: 2min }\n")).isInstanceOf(CairnException.class)
                .hasMessageContaining("stall-after");
    }

    @Test
    void theDocsTableListsEveryKeyWithItsDefault() throws Exception {
        String doc = Files.readString(Path.of("../docs/events.md"));
        String table = doc.substring(doc.indexOf("<!-- event-settings -->"));
        Matcher row = Pattern.compile("^\\| `([a-z.-]+)` \\| ([^|]+) \\|", Pattern.MULTILINE).matcher(table);
        Map<String, String> documented = new LinkedHashMap<>();
        while (row.find()) {
            documented.put(row.group(1), row.group(2).trim());
        }
        EventSettings d = EventSettings.defaults();
        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(EventSettings.KEYS);
        assertThat(documented).containsEntry("batch-size", Integer.toString(d.batchSize()))
                .containsEntry("snapshot-every", Integer.toString(d.snapshotEvery()))
                .containsEntry("max-attempts", Integer.toString(d.maxAttempts()))
                .containsEntry("notify", Boolean.toString(d.notifyOnAppend()));
        assertThat(DurationText.parse(documented.get("poll-interval"), "x")).isEqualTo(d.pollInterval());
        assertThat(DurationText.parse(documented.get("stall-after"), "x")).isEqualTo(d.stallAfter());
    }
}
