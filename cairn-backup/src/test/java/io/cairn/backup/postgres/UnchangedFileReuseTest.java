package io.cairn.backup.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.backup.BackupType;
import io.cairn.backup.RecoveryTarget;
import io.cairn.core.DataManager;
import io.cairn.repository.Repository;
import io.cairn.testkit.PostgresExtension;
import io.cairn.testkit.RestoredPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A diff/incr backup takes files unchanged since well before its parent's start from the parent
 * without reading them. The margin is set to zero here so that files written just before the
 * full backup qualify without waiting; a margin that covers every file's mtime makes everything
 * be read. Restores prove that the changed table was read: its change happened before the
 * incremental's start, so WAL replay from that start could not repair a stale copy.
 */
class UnchangedFileReuseTest {
    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.create();

    @TempDir
    Path temp;

    @Test
    void unchangedFilesAreTakenFromTheParentAndChangedOnesAreRead() throws Exception {
        TestSupport.traversable(temp);
        try (Repository repository = TestSupport.initRepository(temp.resolve("repo"));
                DataManager dataManager = TestSupport.dataManager("main", PG)) {
            PostgresBackupOptions options = PostgresBackupOptions.defaults();
            PostgresBackups noMargin = new PostgresBackups(dataManager, repository,
                    options.withReuseMargin(Duration.ZERO));
            TestSupport.execute(PG, "CREATE TABLE kept (id int PRIMARY KEY, filler text)",
                    "INSERT INTO kept SELECT g, md5(g::text) FROM generate_series(1, 50000) g",
                    "CREATE TABLE changed (id int PRIMARY KEY, value int)",
                    "INSERT INTO changed SELECT g, 0 FROM generate_series(1, 1000) g", "VACUUM", "CHECKPOINT");
            Path kept = dataFile("kept");
            PgBackupResult full = noMargin.backup("main", BackupType.FULL);
            assertThat(full.filesReused()).isZero();
            assertThat(Files.getLastModifiedTime(kept).toInstant()).isBefore(full.startTime());

            TestSupport.execute(PG, "UPDATE changed SET value = 1 WHERE id <= 500",
                    "INSERT INTO changed SELECT g, 2 FROM generate_series(1001, 1100) g", "CHECKPOINT");
            Path changed = dataFile("changed");
            assertThat(Files.getLastModifiedTime(changed).toInstant()).isAfter(full.startTime());
            PgBackupResult incremental = noMargin.backup("main", BackupType.INCREMENTAL);
            String expected = TestSupport.text(PG, TestSupport.digestSql("changed"));
            String keptDigest = TestSupport.text(PG, TestSupport.digestSql("kept"));

            assertThat(incremental.parent()).contains(full.backupId());
            assertThat(incremental.filesReused()).isPositive();
            assertThat(incremental.bytesReused()).isGreaterThanOrEqualTo(Files.size(kept));
            assertThat(incremental.filesReused()).isLessThan(incremental.files());
            assertThat(incremental.bytes()).isGreaterThan(incremental.bytesReused());
            System.out.printf("[reuse] incr: %d of %d files (%.1f of %.1f MiB) taken from the parent%n",
                    incremental.filesReused(), incremental.files(), incremental.bytesReused() / 1048576.0,
                    incremental.bytes() / 1048576.0);

            PostgresBackups wideMargin = new PostgresBackups(dataManager, repository,
                    options.withReuseMargin(Duration.ofDays(3650)));
            PgBackupResult allRead = wideMargin.backup("main", BackupType.INCREMENTAL);
            assertThat(allRead.filesReused()).as("every mtime lies inside the margin").isZero();
            assertThat(allRead.bytesReused()).isZero();

            Path restored = temp.resolve("restored");
            PgRestoreResult result = noMargin.restore("main", RestoreRequest.to(restored)
                    .withBackup(incremental.backupId()).withTarget(RecoveryTarget.immediate()).withStart());
            assertThat(result.backupId()).isEqualTo(incremental.backupId());
            try (RestoredPostgres copy = RestoredPostgres.start(restored, PG); Connection connection = copy.connect()) {
                assertThat(TestSupport.text(connection, TestSupport.digestSql("changed"))).isEqualTo(expected);
                assertThat(TestSupport.text(connection, TestSupport.digestSql("kept"))).isEqualTo(keptDigest);
                assertThat(TestSupport.text(connection, "SELECT count(*) FROM changed WHERE value = 1")).isEqualTo("500");
            }
        }
    }

    private static Path dataFile(String table) throws Exception {
        String dataDirectory = TestSupport.text(PG, "SHOW data_directory");
        return Path.of(dataDirectory, TestSupport.text(PG, "SELECT pg_relation_filepath('" + table + "')"));
    }
}
