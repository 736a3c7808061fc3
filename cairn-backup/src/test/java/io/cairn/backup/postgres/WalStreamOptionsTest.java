package io.cairn.backup.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.ConfigSection;
import io.cairn.core.config.Environment;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The {@code wal:} section: kebab-case keys per database, a section-wide synchronous default, stream ignored. */
class WalStreamOptionsTest {

    private static ConfigSection wal(String yaml) {
        return CairnConfig.parse(yaml, "cairn.yaml", Environment.system()).section("wal").orElseThrow();
    }

    @Test
    void sectionLevelKeysAndDatabaseSubsections() {
        ConfigSection section = wal("wal: { stream: [main], synchronous: false, main: { slot: cairn_main } }");
        WalStreamOptions main = WalStreamOptions.from(section, "main");
        assertThat(main.slot()).isEqualTo("cairn_main");
        assertThat(main.synchronous()).isFalse();
        assertThat(main).isEqualTo(WalStreamOptions.defaults("main"));

        ConfigSection synchronous = wal("""
                wal:
                  stream: [main, other]
                  synchronous: true
                  main:
                    application-name: cairn_app
                    create-slot: false
                    partial-interval: 2s
                    status-interval: 5s
                    max-reconnect-delay: 1min
                  other: { synchronous: false }
                """);
        WalStreamOptions tuned = WalStreamOptions.from(synchronous, "main");
        assertThat(tuned.synchronous()).isTrue();
        assertThat(tuned.applicationName()).isEqualTo("cairn_app");
        assertThat(tuned.createSlot()).isFalse();
        assertThat(tuned.partialInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(tuned.statusInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(tuned.maxReconnectDelay()).isEqualTo(Duration.ofMinutes(1));
        assertThat(WalStreamOptions.from(synchronous, "other").synchronous()).isFalse();
        assertThat(WalStreamOptions.from(synchronous, "third").synchronous()).isTrue();
    }

    @Test
    void unknownOrOldKeysAreConfigErrors() {
        assertThatThrownBy(() -> WalStreamOptions.from(wal("wal: { main: { partialInterval: 2s } }"), "main"))
                .isInstanceOf(CairnException.class).hasMessageContaining("wal.main.partialInterval")
                .hasMessageContaining("partial-interval")
                .satisfies(e -> assertThat(((CairnException) e).code()).isEqualTo(ErrorCode.CONFIG));
        assertThatThrownBy(() -> WalStreamOptions.from(wal("wal: { synchronous: maybe }"), "main"))
                .isInstanceOf(CairnException.class).hasMessageContaining("synchronous");
    }
}
