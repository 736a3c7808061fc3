package io.cairn.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** One duration grammar for the configuration and every flag; what used to differ between them is refused. */
class DurationTextTest {

    @Test
    void unitsAndCompoundsMeanTheSameEverywhere() {
        assertThat(DurationText.parse("500ms", "x")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationText.parse("30s", "x")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationText.parse("5min", "x")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationText.parse("1.5h", "x")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationText.parse("2w", "x")).isEqualTo(Duration.ofDays(14));
        assertThat(DurationText.parse("3mo", "x")).isEqualTo(Duration.ofDays(90));
        assertThat(DurationText.parse("1y6mo", "x")).isEqualTo(Duration.ofDays(365 + 180));
        assertThat(DurationText.parse("1d 12h", "x")).isEqualTo(Duration.ofHours(36));
        assertThat(DurationText.parse("PT30S", "x")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aBareMIsAmbiguousAndRefusedWithBothReadings() {
        assertThatThrownBy(() -> DurationText.parse("1m", "--keep-within"))
                .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE))
                .hasMessage("--keep-within: \"1m\" is ambiguous: write 1min for minutes or 1mo for months");
        assertThat(DurationText.tryParse("1y2m")).isEmpty();
    }

    @Test
    void bareNumbersAndUnknownUnitsAreRefused() {
        assertThat(DurationText.tryParse("30")).isEmpty();
        assertThat(DurationText.tryParse("3 fortnights")).isEmpty();
        assertThat(DurationText.problem("30")).contains("is not a duration like 500ms");
    }

    @Test
    void theConfigurationRefusesTheAmbiguousUnitToo() {
        assertThatThrownBy(() -> CairnConfig.parse("""
                databases:
                  main: { type: postgresql, url: "postgresql://u@127.0.0.1:5432/db", connect-timeout: 1m }
                """, "cairn.yaml", Environment.of(java.util.Map.of())))
                .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG))
                .hasMessageContaining("connect-timeout").hasMessageContaining("m is ambiguous");
    }

    @Test
    void formatPicksTheLargestExactUnit() {
        assertThat(DurationText.format(Duration.ofMinutes(10))).isEqualTo("10min");
        assertThat(DurationText.format(Duration.ofHours(48))).isEqualTo("2d");
        assertThat(DurationText.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }
}
