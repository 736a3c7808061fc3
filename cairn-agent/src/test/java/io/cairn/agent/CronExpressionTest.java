package io.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronExpressionTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static ZonedDateTime at(String local) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(local), PARIS);
    }

    @Test
    void dailyAtTwoInTheZone() {
        CronExpression cron = CronExpression.parse("0 2 * * *");
        assertThat(cron.next(at("2026-03-10T01:59"))).isEqualTo(at("2026-03-10T02:00"));
        assertThat(cron.next(at("2026-03-10T02:00"))).isEqualTo(at("2026-03-11T02:00"));
    }

    @Test
    void stepsRangesListsAndNames() {
        assertThat(CronExpression.parse("*/15 * * * *").next(at("2026-01-01T10:07"))).isEqualTo(at("2026-01-01T10:15"));
        assertThat(CronExpression.parse("10-50/20 9 * * *").next(at("2026-01-01T09:31"))).isEqualTo(at("2026-01-01T09:50"));
        assertThat(CronExpression.parse("0 0 1,15 * *").next(at("2026-01-02T00:00"))).isEqualTo(at("2026-01-15T00:00"));
        // 2026-01-01 is a Thursday
        assertThat(CronExpression.parse("30 3 * * MON-FRI").next(at("2026-01-02T04:00"))).isEqualTo(at("2026-01-05T03:30"));
        assertThat(CronExpression.parse("0 0 * FEB *").next(at("2026-01-02T00:00"))).isEqualTo(at("2026-02-01T00:00"));
        assertThat(CronExpression.parse("0 5 * * 7").next(at("2026-01-01T00:00"))).isEqualTo(at("2026-01-04T05:00"));
        assertThat(CronExpression.parse("@weekly").next(at("2026-01-01T00:00"))).isEqualTo(at("2026-01-04T00:00"));
    }

    @Test
    void restrictedDayFieldsMatchEither() {
        // the 13th, or any Friday: from Jan 1 2026 (Thu) the next is Fri Jan 2
        assertThat(CronExpression.parse("0 0 13 * FRI").next(at("2026-01-01T00:00"))).isEqualTo(at("2026-01-02T00:00"));
    }

    @Test
    void leapDayAndDaylightSavingGap() {
        assertThat(CronExpression.parse("0 0 29 2 *").next(at("2026-01-01T00:00"))).isEqualTo(at("2028-02-29T00:00"));
        // 2026-03-29 02:30 does not exist in Paris: that day is skipped
        assertThat(CronExpression.parse("30 2 * * *").next(at("2026-03-29T01:00"))).isEqualTo(at("2026-03-30T02:30"));
    }

    @Test
    void invalidExpressionsSayWhy() {
        assertThatThrownBy(() -> CronExpression.parse("0 2 * *")).isInstanceOf(CairnException.class).hasMessageContaining("5 fields");
        assertThatThrownBy(() -> CronExpression.parse("61 * * * *")).hasMessageContaining("minute 61 is outside 0..59");
        assertThatThrownBy(() -> CronExpression.parse("0 0 * * FUNDAY")).hasMessageContaining("day of week 'FUNDAY'");
        assertThatThrownBy(() -> CronExpression.parse("0 5-2 * * *")).hasMessageContaining("goes backwards");
        assertThatThrownBy(() -> CronExpression.parse("0 0 31 2 *").next(at("2026-01-01T00:00"))).hasMessageContaining("never fires");
    }
}
