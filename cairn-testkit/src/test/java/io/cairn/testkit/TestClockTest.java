package io.cairn.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TestClockTest {
    private static final Instant START = Instant.parse("2026-03-28T23:30:00Z");

    @Test
    void standsStillUntilMoved() {
        TestClock clock = new TestClock(START);
        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.millis()).isEqualTo(START.toEpochMilli());
        assertThat(Instant.now(clock)).isEqualTo(START);
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void advancesAndSets() {
        TestClock clock = new TestClock(START);
        assertThat(clock.advance(Duration.ofMinutes(45))).isEqualTo(START.plusSeconds(45 * 60));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-29T00:15:00Z"));
        clock.set(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        clock.advance(Duration.ZERO);
        assertThat(clock.instant()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Test
    void refusesToAdvanceBackwards() {
        TestClock clock = new TestClock(START);
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set(Instant)");
        assertThat(clock.instant()).isEqualTo(START);
    }

    @Test
    void aZoneViewSharesTheInstant() {
        TestClock clock = new TestClock(START);
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Clock inBerlin = clock.withZone(berlin);
        assertThat(inBerlin.getZone()).isEqualTo(berlin);
        // 2026-03-29 is the night Berlin moves to summer time (02:00 CET -> 03:00 CEST)
        assertThat(LocalDateTime.now(inBerlin)).isEqualTo(LocalDateTime.parse("2026-03-29T00:30:00"));
        clock.advance(Duration.ofHours(1));
        assertThat(LocalDateTime.now(inBerlin)).isEqualTo(LocalDateTime.parse("2026-03-29T01:30:00"));
        clock.advance(Duration.ofHours(1));
        assertThat(LocalDateTime.now(inBerlin)).isEqualTo(LocalDateTime.parse("2026-03-29T03:30:00"));
        ((TestClock) inBerlin).set(START);
        assertThat(clock.instant()).isEqualTo(START);
        assertThat(inBerlin.withZone(ZoneOffset.UTC)).isEqualTo(clock).hasSameHashCodeAs(clock);
        assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
        assertThat(new TestClock(START)).isNotEqualTo(clock);
    }

    @Test
    void aClockStartedInAZoneKeepsIt() {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        TestClock clock = new TestClock(START, tokyo);
        assertThat(clock.getZone()).isEqualTo(tokyo);
        assertThat(LocalDateTime.now(clock)).isEqualTo(LocalDateTime.parse("2026-03-29T08:30:00"));
    }

    @Test
    void concurrentAdvancesAreNotLost() throws Exception {
        TestClock clock = new TestClock(START);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                work.add(threads.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        clock.advance(Duration.ofMillis(1));
                    }
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(40));
    }
}
