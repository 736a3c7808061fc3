package io.cairn.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.DurationText;
import io.cairn.core.config.Environment;
import io.cairn.core.retry.Backoff;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The transactions.outbox section: read and checked at load; docs/transactions.md lists its keys and defaults. */
class OutboxSettingsTest {
    static OutboxSettings read(String yaml) {
        return OutboxSettings.from(CairnConfig.parse(yaml, "cairn.yaml", Environment.of(Map.of())));
    }

    @Test
    void defaultsWithoutASectionAndEveryKeyRead() {
        assertThat(read("databases: {}\n")).isEqualTo(OutboxSettings.defaults());
        assertThat(read("transactions: {}\n")).isEqualTo(OutboxSettings.defaults());
        OutboxSettings settings = read("""
                transactions:
                  outbox:
                    table: app.outbox
                    batch-size: 10
                    poll-interval: 250ms
                    max-attempts: 4
                    backoff: { initial: 2s, max: 1min, multiplier: 3, jitter: 0 }
                    retention: 1d
                    dedupe-window: 2d
                """);
        assertThat(settings).isEqualTo(new OutboxSettings("app.outbox", 10, Duration.ofMillis(250), 4,
                new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(1), 3, 0), Duration.ofDays(1), Duration.ofDays(2)));
    }

    @Test
    void mistakesAreNamedAtLoad() {
        assertThatThrownBy(() -> read("transactions:\n  outbox:\n    tabel: x\n"))
                .isInstanceOf(CairnException.class).hasMessageContaining("cairn.yaml").hasMessageContaining("tabel");
        assertThatThrownBy(() -> read("transactions:\n  outbox:\n    table: \"x; drop\"\n"))
                .isInstanceOf(CairnException.class).hasMessageContaining("table \"x; drop\" is not a plain name");
        assertThatThrownBy(() -> read("transactions:\n  outbox:\n    backoff: { initial: 1min, max: 1s }\n"))
                .isInstanceOf(CairnException.class).hasMessageContaining("cairn.yaml").hasMessageContaining("backoff");
    }

    @Test
    void theDocsTableListsEveryKeyWithItsDefault() throws Exception {
        String doc = Files.readString(Path.of("../docs/transactions.md"));
        String table = doc.substring(doc.indexOf("<!-- outbox-settings -->"));
        Matcher row = Pattern.compile("^\\| `([a-z.-]+)` \\| ([^|]+) \\|", Pattern.MULTILINE).matcher(table);
        Map<String, String> documented = new LinkedHashMap<>();
        while (row.find() && documented.size() < 20) {
            documented.put(row.group(1), row.group(2).trim());
            if (row.group(1).equals("dedupe-window")) {
                break;
            }
        }
        OutboxSettings d = OutboxSettings.defaults();
        assertThat(documented.keySet()).containsExactlyInAnyOrder("table", "batch-size", "poll-interval", "max-attempts",
                "backoff.initial", "backoff.max", "backoff.multiplier", "backoff.jitter", "retention", "dedupe-window");
        assertThat(OutboxSettings.KEYS).containsAll(Set.of("table", "batch-size", "poll-interval", "max-attempts", "backoff",
                "retention", "dedupe-window")).hasSize(7);
        assertThat(documented).containsEntry("table", d.table()).containsEntry("batch-size", Integer.toString(d.batchSize()))
                .containsEntry("max-attempts", Integer.toString(d.maxAttempts()))
                .containsEntry("backoff.multiplier", Double.toString(d.backoff().multiplier()))
                .containsEntry("backoff.jitter", Double.toString(d.backoff().jitter()));
        assertThat(DurationText.parse(documented.get("poll-interval"), "x")).isEqualTo(d.pollInterval());
        assertThat(DurationText.parse(documented.get("backoff.initial"), "x")).isEqualTo(d.backoff().initial());
        assertThat(DurationText.parse(documented.get("backoff.max"), "x")).isEqualTo(d.backoff().max());
        assertThat(DurationText.parse(documented.get("retention"), "x")).isEqualTo(d.retention());
        assertThat(DurationText.parse(documented.get("dedupe-window"), "x")).isEqualTo(d.dedupeWindow());
    }
}
