package io.cairn.backup.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.backup.BackupType;
import io.cairn.backup.RecoveryTarget;
import io.cairn.core.DataManager;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseType;
import io.cairn.core.config.DatabaseUrl;
import io.cairn.core.config.Secret;
import io.cairn.repository.Repository;
import io.cairn.testkit.PostgresExtension;
import io.cairn.testkit.RestoredPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A point-in-time restore becomes the new primary (timeline 2) under the same database id: the
 * streamer archives its timeline history and continues on timeline 2 from the switch, and a
 * restore of the old timeline-1 backup to the latest point follows the history onto timeline 2.
 */
class TimelineFollowTest {
    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.create();

    @TempDir
    Path temp;

    @Test
    void streamerAndRestoreFollowANewTimeline() throws Exception {
        TestSupport.traversable(temp);
        try (Repository repository = TestSupport.initRepository(temp.resolve("repo"));
                DataManager source = TestSupport.dataManager("main", PG)) {
            PostgresBackups backups = new PostgresBackups(source, repository);
            TestSupport.execute(PG, "CREATE TABLE story (id int PRIMARY KEY, line text)",
                    "INSERT INTO story VALUES (1, 'before the backup')");
            PgBackupResult full;
            try (WalStreamer streamer = backups.walStreamer("main", WalStreamOptions.defaults("main"))) {
                streamer.start();
                full = backups.backup("main", BackupType.FULL);
                TestSupport.execute(PG, "INSERT INTO story VALUES (2, 'kept')");
                String point = TestSupport.text(PG, "SELECT pg_create_restore_point('before_mistake')");
                TestSupport.execute(PG, "INSERT INTO story VALUES (3, 'the mistake')");
                Lsn flush = Lsn.parse(TestSupport.text(PG, "SELECT pg_current_wal_flush_lsn()"));
                assertThat(streamer.awaitDurable(flush, Duration.ofSeconds(60))).as("archived " + point).isTrue();
            }
            Path promoted = temp.resolve("promoted");
            PgRestoreResult restore = backups.restore("main", RestoreRequest.to(promoted)
                    .withTarget(RecoveryTarget.name("before_mistake")).withStart());
            assertThat(restore.reached().orElseThrow().timeline()).isEqualTo(2);

            try (RestoredPostgres primary = RestoredPostgres.start(promoted, PG);
                    DataManager moved = DataManager.open(CairnConfig.of(List.of(DatabaseConfig.of("main",
                            DatabaseType.POSTGRESQL, DatabaseUrl.parse("postgresql://" + PG.user() + "@127.0.0.1:"
                                    + primary.port() + "/" + PG.database(), 5432), Optional.of(Secret.of(PG.password()))))))) {
                PostgresBackups afterFailover = new PostgresBackups(moved, repository);
                try (WalStreamer streamer = afterFailover.walStreamer("main", WalStreamOptions.defaults("main"));
                        Connection connection = primary.connect()) {
                    streamer.start();
                    TestSupport.execute(connection, "INSERT INTO story VALUES (4, 'written on timeline 2')");
                    Lsn flush = Lsn.parse(TestSupport.text(connection, "SELECT pg_current_wal_flush_lsn()"));
                    assertThat(streamer.awaitDurable(flush, Duration.ofSeconds(60))).isTrue();
                    assertThat(streamer.status().timeline()).isEqualTo(2);
                    assertThat(streamer.status().gaps()).isZero();
                }
            }
            PgBackupList listing = backups.backups("main");
            assertThat(listing.timeline()).isEqualTo(2);
            assertThat(listing.wal()).hasSize(1);

            Path latest = temp.resolve("latest");
            backups.restore("main", RestoreRequest.to(latest).withBackup(full.backupId()).withStart());
            try (RestoredPostgres copy = RestoredPostgres.start(latest, PG); Connection connection = copy.connect()) {
                assertThat(TestSupport.text(connection, "SELECT string_agg(id::text, ',' ORDER BY id) FROM story"))
                        .isEqualTo("1,2,4");
            }
        }
    }
}
