package io.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.backup.postgres.PgSnapshots;
import io.cairn.repository.SnapshotTags;
import io.cairn.testkit.PostgresExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run: pg backup} takes a real PostgreSQL base backup through cairn-backup; retention expires older
 * backups with their WAL; the database's restore window starts at the kept backup.
 */
class PgBackupJobTest {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.builder().setting("wal_level", "replica").build();

    @TempDir
    Path temp;

    @Test
    void scheduledBaseBackupIsRecordedAndOpensTheRestoreWindow() throws Exception {
        AgentFixture fixture = new AgentFixture(temp);
        String yaml = "schedules:\n  - { name: nightly-full, cron: \"0 2 * * *\", run: pg backup, db: main, type: full }\n"
                + "  - { name: hourly-incr, cron: \"0 * * * *\", run: pg backup, db: main, type: incr }\n"
                + "retention: { keep-last: 1 }\n";
        try (Agent agent = Agent.builder(fixture.config(yaml, pg)).loop(false).serve(false).start()) {
            agent.trigger("nightly-full");
            assertThat(agent.awaitIdle(Duration.ofMinutes(3))).isTrue();
            // as at 02:00, when both fire: both back up, then each applies retention in turn (no LOCKED)
            agent.trigger("nightly-full");
            agent.trigger("hourly-incr");
            assertThat(agent.awaitIdle(Duration.ofMinutes(3))).isTrue();
            for (RunRecord concurrent : agent.runs(2, Optional.empty())) {
                assertThat(concurrent.outcome()).as("error: %s", concurrent.error()).isEqualTo(RunRecord.Outcome.succeeded);
                assertThat(concurrent.figures()).doesNotContainKey("retentionError");
            }
            assertThat(agent.openAlerts()).isEmpty();
            RunRecord run = agent.runs(1, Optional.empty()).get(0);
            assertThat(run.figures()).containsKeys("backup", "type", "bytes", "walFilesCopied");
            // retention (keep-last 1) expired the older base backups and the WAL only they needed
            assertThat(run.figures()).containsEntry("retentionKept", 1).containsKey("restorableFrom");
            assertThat(agent.snapshots()).filteredOn(PgSnapshots::isBaseBackup).hasSize(1)
                    .allMatch(s -> s.shortId().equals(run.figures().get("backup")));
            // what cairn-backup wrote, its own API reads back: base backup and WAL of database main
            assertThat(agent.snapshots()).filteredOn(PgSnapshots::isWal).isNotEmpty();
            assertThat(agent.snapshots()).filteredOn(s -> PgSnapshots.isBaseBackup(s) || PgSnapshots.isWal(s))
                    .allMatch(s -> PgSnapshots.database(s).equals(Optional.of("main")))
                    .allMatch(s -> SnapshotTags.databaseOf(s).equals(Optional.of("main")));
            RestoreWindow window = agent.restoreWindows().get(0);
            assertThat(window.points()).extracting(RestoreWindow.Point::kind).containsExactly("pg-backup");
            assertThat(window.oldest().orElseThrow().toString()).isEqualTo(run.figures().get("restorableFrom"));
        }
    }
}
