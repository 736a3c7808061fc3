package io.cairn.backup.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.testkit.PostgresExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** PITR on the system PostgreSQL 15 under a concurrent workload: random time targets plus lsn, xid, name, latest. */
class PointInTimeRecoveryTest {
    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.builder().setting("track_commit_timestamp", "on")
            .setting("max_wal_size", "64MB").build();

    @TempDir
    Path temp;

    @Test
    void everyRestoredTargetMatchesWhatWasCommittedAtThatPoint() throws Exception {
        long seed = System.nanoTime();
        PitrScenario.Outcome outcome = new PitrScenario(PG, TestSupport.traversable(temp), seed, 250).run(4);
        outcome.report().forEach(line -> System.out.println("[pitr seed " + seed + "] " + line));
        assertThat(outcome.restores()).isEqualTo(8);
        assertThat(outcome.listing().backups()).hasSize(2);
        assertThat(outcome.listing().wal()).hasSize(1);
    }
}
