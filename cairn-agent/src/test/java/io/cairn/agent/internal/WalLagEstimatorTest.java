package io.cairn.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.backup.postgres.Lsn;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The lag estimate: how old the oldest WAL is that the server wrote and the archive lacks. */
class WalLagEstimatorTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private static Duration observe(WalLagEstimator estimator, long seconds, Long server, Long durable) {
        return estimator.observe(T0.plusSeconds(seconds), Optional.ofNullable(server).map(Lsn::new),
                Optional.ofNullable(durable).map(Lsn::new));
    }

    @Test
    void lagIsTheAgeOfTheNewestSampleTheArchiveHasNotPassed() {
        WalLagEstimator estimator = new WalLagEstimator(T0);
        assertThat(observe(estimator, 0, 100L, 100L)).isZero();
        // WAL past 100 was written after second 0: at second 1 it is at most 1 s old
        assertThat(observe(estimator, 1, 200L, 100L)).isEqualTo(Duration.ofSeconds(1));
        // the archive does not move: the lag grows
        assertThat(observe(estimator, 10, 200L, 150L)).isEqualTo(Duration.ofSeconds(10));
        // the archive passes the sample of second 1: WAL past 200 was written after second 1
        assertThat(observe(estimator, 11, 300L, 200L)).isEqualTo(Duration.ofSeconds(10));
        assertThat(observe(estimator, 12, 300L, 300L)).isZero();
    }

    @Test
    void nothingArchivedYetCountsFromTheStart() {
        WalLagEstimator estimator = new WalLagEstimator(T0);
        assertThat(observe(estimator, 30, null, null)).isEqualTo(Duration.ofSeconds(30));
        assertThat(observe(estimator, 40, 500L, null)).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void aServerThatCannotBeAskedDoesNotMakeACaughtUpArchiveLag() {
        WalLagEstimator estimator = new WalLagEstimator(T0);
        observe(estimator, 0, 100L, 100L);
        assertThat(observe(estimator, 300, null, 100L)).isZero();
        // but an archive behind what the server was known to have written keeps lagging
        observe(estimator, 301, 400L, 100L);
        assertThat(observe(estimator, 600, null, 100L)).isEqualTo(Duration.ofSeconds(600));
    }
}
