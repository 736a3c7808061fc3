package io.cairn.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ValuesTest {
    @Test
    void parsesDurationsInHumanUnitsAndIso() {
        assertThat(Values.parseDuration("30s")).contains(Duration.ofSeconds(30));
        assertThat(Values.parseDuration("5min")).contains(Duration.ofMinutes(5));
        assertThat(Values.parseDuration("26h")).contains(Duration.ofHours(26));
        assertThat(Values.parseDuration("500ms")).contains(Duration.ofMillis(500));
        assertThat(Values.parseDuration("1.5s")).contains(Duration.ofMillis(1500));
        assertThat(Values.parseDuration("2d")).contains(Duration.ofDays(2));
        assertThat(Values.parseDuration("PT30S")).contains(Duration.ofSeconds(30));
        assertThat(Values.parseDuration("30")).isEmpty();
        assertThat(Values.parseDuration("30 parsecs")).isEmpty();
        assertThat(Values.parseDuration("P1X")).isEmpty();
    }

    @Test
    void parsesSizesInDecimalAndBinaryUnits() {
        assertThat(Values.parseSize("10MiB")).contains(10L << 20);
        assertThat(Values.parseSize("10MB")).contains(10_000_000L);
        assertThat(Values.parseSize("512")).contains(512L);
        assertThat(Values.parseSize("1.5KiB")).contains(1536L);
        assertThat(Values.parseSize("ten")).isEmpty();
    }

    @Test
    void parsesPercentages() {
        assertThat(Values.parsePercent("80%")).contains(80.0);
        assertThat(Values.parsePercent("12.5")).contains(12.5);
        assertThat(Values.parsePercent("120%")).isEmpty();
    }

    @Test
    void formatsDurationsInTheLargestExactUnit() {
        assertThat(Values.format(Duration.ofSeconds(5))).isEqualTo("5s");
        assertThat(Values.format(Duration.ofMinutes(10))).isEqualTo("10min");
        assertThat(Values.format(Duration.ofMillis(200))).isEqualTo("200ms");
        assertThat(Values.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }

    @Test
    void suggestsCloseNamesOnly() {
        assertThat(Suggestions.closest("maxx", Keys.of("max", "min-idle"))).contains("max");
        assertThat(Suggestions.closest("databse", Keys.of("databases", "agent"))).contains("databases");
        assertThat(Suggestions.closest("colour", Keys.of("type", "url"))).isEmpty();
        assertThat(Suggestions.distance("ab", "ba")).isEqualTo(1);
    }

    @Test
    void backoffGrowsExponentiallyUpToTheCapWithJitterBelow() {
        RetryConfig retry = new RetryConfig(10, Duration.ofMillis(200), Duration.ofSeconds(5), 2.0, 0.2);

        assertThat(retry.delayBeforeRetry(1, 0.0)).isEqualTo(Duration.ofMillis(200));
        assertThat(retry.delayBeforeRetry(2, 0.0)).isEqualTo(Duration.ofMillis(400));
        assertThat(retry.delayBeforeRetry(3, 0.0)).isEqualTo(Duration.ofMillis(800));
        assertThat(retry.delayBeforeRetry(9, 0.0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(retry.delayBeforeRetry(2, 0.5)).isEqualTo(Duration.ofMillis(360));
    }
}
