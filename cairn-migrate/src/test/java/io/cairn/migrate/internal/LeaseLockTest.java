package io.cairn.migrate.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Waiting for a lease held by someone else runs on the injected clock and sleeper: no wall-clock time passes. */
class LeaseLockTest {

    /** A clock that moves only when the sleeper "sleeps". */
    private static final class SteppedClock extends Clock {
        private Instant now = Instant.parse("2024-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static final class HeldElsewhere implements LeaseLock.Store {
        int tries;

        @Override
        public boolean tryAcquire(String token, Duration length) {
            tries++;
            return false;
        }

        @Override
        public boolean renew(String token, Duration length) {
            return false;
        }

        @Override
        public void release(String token) {
        }

        @Override
        public Optional<String> holder() {
            return Optional.of("other-host:42");
        }
    }

    @Test
    void aHeldLeaseTimesOutOnTheInjectedClock() {
        SteppedClock clock = new SteppedClock();
        List<Duration> waits = new ArrayList<>();
        HeldElsewhere store = new HeldElsewhere();
        long start = System.nanoTime();

        CairnException e = catchThrowableOfType(() -> LeaseLock.acquire("cache", store, Duration.ofSeconds(4),
                Duration.ofMinutes(10), clock, wait -> {
                    waits.add(wait);
                    clock.now = clock.now.plus(wait);
                }), CairnException.class);

        assertThat(e.code()).isEqualTo(ErrorCode.LOCKED);
        assertThat(e.getMessage()).contains("other-host:42").contains("waited 10min");
        assertThat(waits).isNotEmpty().allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(Duration.ofMillis(250)));
        assertThat(waits.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofMinutes(10));
        assertThat(store.tries).isEqualTo(waits.size() + 1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
}
