package io.cairn.backup.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.testkit.PostgresExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PITR story on the other supported majors: the bundled PostgreSQL 17 (pg_backup_start/stop)
 * and PostgreSQL 13 (pg_start_backup/pg_stop_backup non-exclusive), with a smaller workload than
 * the PostgreSQL 15 test. A backup without warnings also shows that its temporary replication slot
 * (pg_create_physical_replication_slot(name, true, true)) works on both.
 */
class OtherVersionsTest {

    @Nested
    class Postgres17 {
        @RegisterExtension
        final PostgresExtension pg = PostgresExtension.builder().bundledBinaries()
                .setting("track_commit_timestamp", "on").build();

        @TempDir
        Path temp;

        @Test
        void pointInTimeRecoveryOn17() throws Exception {
            run(pg, temp, 17);
        }
    }

    @Nested
    class Postgres13 {
        @RegisterExtension
        final PostgresExtension pg = PostgresExtension.builder().binaries(OlderPostgres.postgres13())
                .setting("track_commit_timestamp", "on").build();

        @TempDir
        Path temp;

        @Test
        void pointInTimeRecoveryOn13() throws Exception {
            run(pg, temp, 13);
        }
    }

    static void run(PostgresExtension pg, Path temp, int major) throws Exception {
        assertThat(pg.binaries().majorVersion()).isEqualTo(major);
        long seed = System.nanoTime();
        PitrScenario.Outcome outcome = new PitrScenario(pg, TestSupport.traversable(temp), seed, 120).run(1);
        outcome.report().forEach(line -> System.out.println("[pitr " + major + " seed " + seed + "] " + line));
        assertThat(outcome.full().serverVersion()).startsWith(Integer.toString(major));
        assertThat(outcome.full().warnings()).as("the temporary slot that pins the backup's WAL was created").isEmpty();
        assertThat(outcome.restores()).isEqualTo(5);
    }
}
