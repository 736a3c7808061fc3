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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Full backup of the system PostgreSQL 15 (with a tablespace and an unlogged table), restored and started. */
class BaseBackupRestoreTest {
    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.builder().setting("wal_level", "replica").build();

    @TempDir
    static Path temp;

    static Repository repository;
    static DataManager dataManager;
    static PostgresBackups backups;

    @BeforeAll
    static void open() throws Exception {
        TestSupport.traversable(temp);
        repository = TestSupport.initRepository(temp.resolve("repo"));
        dataManager = TestSupport.dataManager("main", PG);
        backups = new PostgresBackups(dataManager, repository);
    }

    @AfterAll
    static void close() {
        dataManager.close();
        repository.close();
    }

    @Test
    void fullBackupRestoresIdenticalDataWithTablespaceAndStarts() throws Exception {
        Path tablespace = TestSupport.serverOwnedDirectory(PG, temp.resolve("ts-original"));
        TestSupport.execute(PG,
                "CREATE TABLESPACE extra LOCATION '" + tablespace + "'",
                "CREATE TABLE accounts (id int PRIMARY KEY, balance int, note text)",
                "INSERT INTO accounts SELECT g, g * 10, repeat('x', g % 50) FROM generate_series(1, 20000) g",
                "CREATE TABLE far (id int PRIMARY KEY, payload text) TABLESPACE extra",
                "INSERT INTO far SELECT g, md5(g::text) FROM generate_series(1, 5000) g",
                "CREATE UNLOGGED TABLE scratch (id int)",
                "INSERT INTO scratch SELECT generate_series(1, 1000)");
        String accounts = TestSupport.text(PG, TestSupport.digestSql("accounts"));
        String far = TestSupport.text(PG, TestSupport.digestSql("far"));

        PgBackupResult result = backups.backup("main", BackupType.FULL);

        assertThat(result.corruptPages()).isEmpty();
        assertThat(result.pagesVerified()).isGreaterThan(100);
        assertThat(result.type()).isEqualTo(BackupType.FULL);
        assertThat(result.stopLsn()).isGreaterThan(result.startLsn());
        assertThat(result.walFilesCopied()).isGreaterThan(0);
        TestSupport.execute(PG, "INSERT INTO accounts VALUES (999999, 1, 'after the backup')");

        Path restored = temp.resolve("restored");
        Path relocated = temp.resolve("ts-restored");
        String oid = TestSupport.text(PG, "SELECT oid FROM pg_tablespace WHERE spcname = 'extra'");
        PgRestoreResult restore = backups.restore("main", RestoreRequest.to(restored)
                .withTarget(RecoveryTarget.immediate()).withTablespace(oid, relocated).withVerify());

        assertThat(restore.backupId()).isEqualTo(result.backupId());
        assertThat(restore.reached()).isPresent();
        assertThat(restore.reached().get().replayLsn()).isGreaterThanOrEqualTo(result.stopLsn());
        assertThat(restore.databases()).contains("cairn", "postgres");
        assertThat(Files.exists(restored.resolve("postmaster.pid"))).isFalse();
        assertThat(Files.list(relocated).count()).isGreaterThan(0);
        try (RestoredPostgres copy = RestoredPostgres.start(restored, PG)) {
            try (Connection connection = copy.connect()) {
                assertThat(TestSupport.text(connection, TestSupport.digestSql("accounts"))).isEqualTo(accounts);
                assertThat(TestSupport.text(connection, TestSupport.digestSql("far"))).isEqualTo(far);
                assertThat(TestSupport.text(connection, "SELECT count(*) FROM scratch")).isEqualTo("0");
            }
        }
        assertThat(Map.of()).isEmpty();
    }
}
