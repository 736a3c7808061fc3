package io.cairn.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    @Test
    void returnsAsSoonAsTheConditionHolds() {
        AtomicInteger checks = new AtomicInteger();
        Await.until(LONG, "the third check", () -> checks.incrementAndGet() == 3);
        assertThat(checks).hasValue(3);
    }

    @Test
    void anExceptionFromTheCheckMeansNotYet() {
        AtomicInteger checks = new AtomicInteger();
        Await.until(LONG, "the server to answer", () -> {
            if (checks.incrementAndGet() < 3) {
                throw new IOException("connection refused");
            }
            return true;
        });
        assertThat(checks).hasValue(3);
    }

    @Test
    void valueReturnsWhatTheProbeFirstYields() {
        AtomicInteger checks = new AtomicInteger();
        String value = Await.value(LONG, "a port", () -> checks.incrementAndGet() < 4 ? Optional.empty() : Optional.of("port " + checks));
        assertThat(value).isEqualTo("port 4");
    }

    @Test
    void untilReturnsTheFirstAcceptedState() {
        AtomicInteger reads = new AtomicInteger();
        List<Integer> state = Await.until(LONG, "two entries", () -> List.of(reads.incrementAndGet(), 0).subList(0, Math.min(2, reads.get())),
                entries -> entries.size() == 2);
        assertThat(state).containsExactly(2, 0);
    }

    @Test
    void aTimeoutNamesWhatWasAwaitedAndTheLastState() {
        AtomicInteger reads = new AtomicInteger();
        assertThatThrownBy(() -> Await.until(Duration.ofMillis(30), "ten rows", reads::incrementAndGet, n -> n >= 1_000_000))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("timed out after 0.03s waiting for ten rows (last state: ")
                .hasNoCause();
        assertThat(reads.get()).isGreaterThan(1);
    }

    @Test
    void aTimeoutKeepsTheLastExceptionAsItsCause() {
        IOException refused = new IOException("connection refused");
        assertThatThrownBy(() -> Await.until(Duration.ofMillis(20), "the server to answer", () -> {
            throw refused;
        })).isInstanceOf(AssertionError.class)
                .hasMessageContaining("waiting for the server to answer (last check threw java.io.IOException: connection refused)")
                .hasCause(refused);
    }

    @Test
    void aZeroTimeoutChecksOnce() {
        AtomicInteger checks = new AtomicInteger();
        assertThatThrownBy(() -> Await.value(Duration.ZERO, "nothing", () -> {
            checks.incrementAndGet();
            return Optional.empty();
        })).hasMessageContaining("last state: Optional.empty");
        assertThat(checks).hasValue(1);
        Await.until(Duration.ZERO, "something true", () -> true);
    }

    @Test
    void anErrorInTheCheckEndsTheWaitAtOnce() {
        AtomicInteger checks = new AtomicInteger();
        assertThatThrownBy(() -> Await.until(LONG, "commits", () -> {
            checks.incrementAndGet();
            throw new AssertionError("workload failed");
        })).isInstanceOf(AssertionError.class).hasMessage("workload failed");
        assertThat(checks).hasValue(1);
    }

    @Test
    void anInterruptEndsTheWaitAndKeepsTheFlag() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Await.until(LONG, "never", () -> false))
                    .isInstanceOf(AssertionError.class).hasMessageStartingWith("interrupted while waiting for never");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void rejectsANegativeTimeout() {
        assertThatThrownBy(() -> Await.until(Duration.ofSeconds(-1), "x", () -> true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1S");
    }
}
