package io.cairn.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The transactions: section: defaults, validation naming key and fix, and the docs table held to the record. */
class TxSettingsTest {
    private static final Path DOC = Path.of("..", "docs", "two-phase-commit.md");

    private static CairnConfig parse(String section) {
        return CairnConfig.parse("databases:\n  main: { type: postgresql, url: \"postgresql://u@localhost/db\" }\n"
                + section, "cairn.yaml", Environment.system());
    }

    @Test
    void readsEveryKey() {
        TxSettings settings = TxSettings.from(parse("""
                transactions:
                  coordinator: { id: orders-1, log: /var/lib/cairn/tx }
                  recovery: { interval: 10s, alert-after: 2min }
                """));
        assertThat(settings).isEqualTo(new TxSettings("orders-1", Path.of("/var/lib/cairn/tx"), Duration.ofSeconds(10),
                Duration.ofMinutes(2)));
        assertThat(TxSettings.configured(parse(""))).isFalse();
    }

    @Test
    void defaultsApplyWithoutTheSection() {
        TxSettings settings = TxSettings.from(parse(""));
        assertThat(settings.recoveryInterval()).isEqualTo(TxSettings.DEFAULT_RECOVERY_INTERVAL);
        assertThat(settings.alertAfter()).isEqualTo(TxSettings.DEFAULT_ALERT_AFTER);
        assertThat(settings.logDirectory().getFileName().toString()).isEqualTo(TxSettings.DEFAULT_LOG);
        assertThat(settings.coordinatorId()).matches("[a-z0-9][a-z0-9_-]{0,31}");
    }

    @Test
    void mistakesNameTheKeyAndTheFix() {
        assertError("transactions:\n  coordinator: { id: \"has:colon\" }\n", "transactions.coordinator.id", "e.g. id: orders-1");
        assertError("transactions:\n  recovery: { interval: 10ms }\n", "transactions.recovery.interval", "interval: 30s");
        assertError("transactions:\n  recovery: { alert-after: soon }\n", "transactions.recovery.alert-after", "");
        assertError("transactions:\n  coordinater: { id: a }\n", "transactions.coordinater", "coordinator");
        assertError("transactions:\n  recovery: { intervall: 1s }\n", "transactions.recovery.intervall", "interval");
    }

    private static void assertError(String yaml, String key, String fix) {
        assertThatThrownBy(() -> TxSettings.from(parse(yaml))).isInstanceOfSatisfying(CairnException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
            assertThat(e.getMessage()).startsWith("cairn.yaml: " + key).contains(fix);
        });
    }

    @Test
    void theDocsTableMatchesTheDefaults() throws Exception {
        Map<String, String> documented = table(Files.readAllLines(DOC));
        assertThat(documented).containsExactlyInAnyOrderEntriesOf(Map.of(
                "coordinator.id", "the host name",
                "coordinator.log", TxSettings.DEFAULT_LOG,
                "recovery.interval", "30s",
                "recovery.alert-after", "5min"));
        assertThat(TxSettings.DEFAULT_RECOVERY_INTERVAL).isEqualTo(Duration.ofSeconds(30));
        assertThat(TxSettings.DEFAULT_ALERT_AFTER).isEqualTo(Duration.ofMinutes(5));
        List<String> keys = documented.keySet().stream().map(k -> k.substring(0, k.indexOf('.'))).distinct().toList();
        // transactions.outbox is documented in docs/transactions.md and held there by OutboxSettingsTest
        assertThat(keys).containsExactlyInAnyOrderElementsOf(TxSettings.KEYS.stream().filter(k -> !k.equals("outbox")).toList());
    }

    private static Map<String, String> table(List<String> lines) {
        Map<String, String> rows = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : lines) {
            if (line.startsWith("| key | default | meaning |")) {
                inTable = true;
                continue;
            }
            if (inTable && !line.startsWith("|")) {
                break;
            }
            if (inTable && !line.startsWith("|---")) {
                String[] cells = line.split("\\|");
                rows.put(cells[1].trim().replace("`", ""), cells[2].trim().replace("`", ""));
            }
        }
        return rows;
    }
}
