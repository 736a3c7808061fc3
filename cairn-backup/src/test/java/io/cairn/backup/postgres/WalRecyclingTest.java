package io.cairn.backup.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.backup.BackupType;
import io.cairn.backup.RecoveryTarget;
import io.cairn.backup.postgres.internal.BackupCatalog;
import io.cairn.backup.postgres.internal.BaseBackupRunner;
import io.cairn.backup.postgres.internal.RepositoryGateway;
import io.cairn.backup.postgres.internal.WalArchive;
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
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without WAL archiving or streaming, a base backup takes its WAL from pg_wal. The server keeps
 * no WAL for its own sake (wal_keep_size 0, min_wal_size two segments), so segment switches and
 * checkpoints between the backup's start and its WAL copy recycle the start segment — unless the
 * backup's temporary replication slot holds it. The checkpoints run at the point a real server
 * under load would run them: after the files are copied and before the backup stops.
 */
class WalRecyclingTest {
    private static final String SLOTS = "SELECT count(*) FROM pg_replication_slots WHERE slot_name LIKE 'cairn\\_backup\\_%'";

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.builder().setting("wal_keep_size", "0")
            .setting("min_wal_size", "32MB").setting("max_wal_size", "64MB").setting("max_replication_slots", "4")
            .build();

    @TempDir
    Path temp;

    @BeforeEach
    void table() throws SQLException {
        TestSupport.execute(PG, "CREATE TABLE IF NOT EXISTS items (id bigserial PRIMARY KEY, note text)",
                "INSERT INTO items (note) SELECT md5(g::text) FROM generate_series(1, 20000) g");
    }

    @Test
    void backupKeepsItsWalThroughCheckpoints() throws Exception {
        TestSupport.traversable(temp);
        try (Repository repository = TestSupport.initRepository(temp.resolve("repo"));
                DataManager dataManager = TestSupport.dataManager("main", PG)) {
            long[] slotsDuringBackup = new long[1];
            PgBackupResult result = runner(repository, () -> {
                slotsDuringBackup[0] = Long.parseLong(text(SLOTS));
                churn(5);
            }).run(dataManager.config().database("main"), BackupType.FULL);
            String expected = TestSupport.text(PG, TestSupport.digestSql("items"));

            assertThat(slotsDuringBackup[0]).isEqualTo(1);
            assertThat(result.warnings()).isEmpty();
            assertThat(result.walFilesCopied()).as("segments from start to stop, read from pg_wal").isGreaterThan(5);
            assertThat(text(SLOTS)).isEqualTo("0");

            Path restored = temp.resolve("restored");
            PgRestoreResult restore = new PostgresBackups(dataManager, repository).restore("main",
                    RestoreRequest.to(restored).withTarget(RecoveryTarget.immediate()).withStart());
            assertThat(restore.backupId()).isEqualTo(result.backupId());
            try (RestoredPostgres copy = RestoredPostgres.start(restored, PG); Connection connection = copy.connect()) {
                assertThat(TestSupport.text(connection, TestSupport.digestSql("items"))).isEqualTo(expected);
            }
        }
    }

    @Test
    void twoOverlappingBackupsOfOneDatabaseBothSucceed() throws Exception {
        TestSupport.traversable(temp);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Repository repository = TestSupport.initRepository(temp.resolve("repo"));
                DataManager dataManager = TestSupport.dataManager("main", PG)) {
            PostgresBackups backups = new PostgresBackups(dataManager, repository, options());
            CompletableFuture<PgBackupResult> second = new CompletableFuture<>();
            PgBackupResult first = runner(repository, () -> {
                // the second backup starts (with its own checkpoint) and ends while the first is running
                Future<PgBackupResult> running = executor.submit(() -> backups.backup("main", BackupType.FULL));
                int rounds = 0;
                while (!running.isDone() || rounds < 3) {
                    churn(1);
                    rounds++;
                }
                second.complete(join(running));
            }).run(dataManager.config().database("main"), BackupType.FULL);

            assertThat(first.warnings()).isEmpty();
            assertThat(second.get().warnings()).isEmpty();
            assertThat(second.get().startLsn()).isGreaterThan(first.startLsn());
            assertThat(first.stopLsn()).isGreaterThan(second.get().stopLsn());
            assertThat(text(SLOTS)).isEqualTo("0");
            PgVerifyResult verified = backups.verify("main", Optional.of(first.backupId()));
            assertThat(verified.reached().replayLsn()).isGreaterThanOrEqualTo(first.stopLsn());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void withoutFreeSlotTheBackupRunsUnprotectedAndWarns() throws Exception {
        TestSupport.traversable(temp);
        int free = Integer.parseInt(text("SELECT current_setting('max_replication_slots')::int - count(*)"
                + " FROM pg_replication_slots"));
        try (Repository repository = TestSupport.initRepository(temp.resolve("repo"));
                DataManager dataManager = TestSupport.dataManager("main", PG)) {
            for (int i = 0; i < free; i++) {
                TestSupport.execute(PG, "SELECT pg_create_physical_replication_slot('filler_" + i + "')");
            }
            PgBackupResult result = new PostgresBackups(dataManager, repository, options()).backup("main", BackupType.FULL);

            System.out.println("[no free slot] " + result.warnings());
            assertThat(result.warnings()).singleElement().asString().contains("max_replication_slots")
                    .contains("database 'main'");
            assertThat(result.walFilesCopied()).isPositive();
        } finally {
            for (int i = 0; i < free; i++) {
                TestSupport.execute(PG, "SELECT pg_drop_replication_slot('filler_" + i + "')");
            }
        }
    }

    @Test
    void userWithoutReplicationBacksUpUnprotectedAndIsToldToGrantIt() throws Exception {
        TestSupport.traversable(temp);
        TestSupport.execute(PG, "DROP ROLE IF EXISTS backupper", "CREATE ROLE backupper LOGIN PASSWORD 'backupper-secret'",
                "GRANT pg_monitor, pg_read_all_settings TO backupper",
                "GRANT EXECUTE ON FUNCTION pg_backup_start(text, boolean), pg_backup_stop(boolean), pg_switch_wal()"
                        + " TO backupper");
        DatabaseConfig limited = DatabaseConfig.of("main", DatabaseType.POSTGRESQL,
                DatabaseUrl.parse("postgresql://backupper@127.0.0.1:" + PG.port() + "/" + PG.database(), 5432),
                Optional.of(Secret.of("backupper-secret")));
        try (Repository repository = TestSupport.initRepository(temp.resolve("repo"));
                DataManager dataManager = DataManager.open(CairnConfig.of(List.of(limited)))) {
            PgBackupResult result = new PostgresBackups(dataManager, repository, options()).backup("main", BackupType.FULL);

            System.out.println("[no REPLICATION] " + result.warnings());
            assertThat(result.warnings()).singleElement().asString().contains("ALTER ROLE backupper REPLICATION")
                    .doesNotContain("backupper-secret");
        }
    }

    private static PostgresBackupOptions options() {
        // short: a backup whose WAL was recycled fails in seconds instead of two minutes
        return PostgresBackupOptions.defaults().withWalWait(Duration.ofSeconds(10));
    }

    private static BaseBackupRunner runner(Repository repository, Runnable afterFilesCopied) {
        RepositoryGateway gateway = new RepositoryGateway(repository);
        PostgresBackupOptions options = options();
        return new BaseBackupRunner(gateway, new WalArchive(gateway, options.clock()), new BackupCatalog(gateway), options,
                afterFilesCopied);
    }

    /** Each round writes, ends the WAL segment and checkpoints, which lets the server recycle older segments. */
    private static void churn(int rounds) {
        try (Connection connection = TestSupport.connect(PG)) {
            for (int i = 0; i < rounds; i++) {
                TestSupport.execute(connection, "INSERT INTO items (note) VALUES ('churn')", "SELECT pg_switch_wal()",
                        "CHECKPOINT");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(String sql) {
        try {
            return TestSupport.text(PG, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PgBackupResult join(Future<PgBackupResult> running) {
        try {
            return running.get();
        } catch (Exception e) {
            throw new IllegalStateException("second backup failed", e);
        }
    }
}
