package io.cairn.backup.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.backup.BackupType;
import io.cairn.backup.RecoveryTarget;
import io.cairn.core.CairnJson;
import io.cairn.core.DataManager;
import io.cairn.repository.Repository;
import io.cairn.testkit.PostgresExtension;
import io.cairn.testkit.RestoredPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * full → incr → diff → incr: parents as documented, an incremental after 1% random updates adds a
 * fraction of what the full stored, each backup restores on its own (verify), the last one to
 * exactly the state it saw; the listing serialises to JSON.
 */
class IncrementalBackupTest {
    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.create();

    @TempDir
    Path temp;

    @Test
    void chainOfBackupsRestoresAndStoresOnlyChanges() throws Exception {
        TestSupport.traversable(temp);
        try (Repository repository = TestSupport.initRepository(temp.resolve("repo"));
                DataManager dataManager = TestSupport.dataManager("main", PG)) {
            PostgresBackups backups = new PostgresBackups(dataManager, repository);
            TestSupport.execute(PG, "CREATE TABLE accounts (aid int PRIMARY KEY, bid int, abalance int, filler char(84))",
                    "INSERT INTO accounts SELECT g, g / 1000, 0, md5(g::text) FROM generate_series(1, 200000) g",
                    "VACUUM accounts");
            long tableBytes = Long.parseLong(TestSupport.text(PG, "SELECT pg_total_relation_size('accounts')"));
            PgBackupResult full = backups.backup("main", BackupType.FULL);
            TestSupport.execute(PG, "UPDATE accounts SET abalance = abalance + 1 WHERE aid IN"
                    + " (SELECT (random() * 199999)::int + 1 FROM generate_series(1, 2000))");
            PgBackupResult incremental = backups.backup("main", BackupType.INCREMENTAL);
            TestSupport.execute(PG, "INSERT INTO accounts SELECT g, 0, 0, 'new' FROM generate_series(200001, 201000) g");
            PgBackupResult differential = backups.backup("main", BackupType.DIFFERENTIAL);
            TestSupport.execute(PG, "DELETE FROM accounts WHERE aid % 97 = 0");
            PgBackupResult last = backups.backup("main", BackupType.INCREMENTAL);
            String expected = TestSupport.text(PG, TestSupport.digestSql("accounts"));

            assertThat(incremental.parent()).contains(full.backupId());
            assertThat(differential.parent()).contains(full.backupId());
            assertThat(last.parent()).contains(differential.backupId());
            System.out.printf("[incr] table+index %.1f MiB; full added %.1f MiB (stored %.1f); incr after 1%% updates added"
                            + " %.1f MiB (stored %.1f) = %.0f%% of table+index%n", tableBytes / 1048576.0,
                    full.bytesAdded() / 1048576.0, full.bytesAddedStored() / 1048576.0,
                    incremental.bytesAdded() / 1048576.0, incremental.bytesAddedStored() / 1048576.0,
                    100.0 * incremental.bytesAdded() / tableBytes);
            assertThat(incremental.bytesAdded()).isLessThan(tableBytes * 3 / 4);
            assertThat(incremental.bytesAdded()).isLessThan(full.bytesAdded() / 2);

            PgVerifyResult verified = backups.verify("main", Optional.of(incremental.backupId()));
            assertThat(verified.reached().replayLsn()).isGreaterThanOrEqualTo(incremental.stopLsn());
            assertThat(verified.databases()).contains("cairn");

            Path restored = temp.resolve("restored");
            PgRestoreResult result = backups.restore("main", RestoreRequest.to(restored)
                    .withTarget(RecoveryTarget.immediate()).withStart());
            assertThat(result.backupId()).isEqualTo(last.backupId());
            try (RestoredPostgres copy = RestoredPostgres.start(restored, PG); Connection connection = copy.connect()) {
                assertThat(TestSupport.text(connection, TestSupport.digestSql("accounts"))).isEqualTo(expected);
            }

            PgBackupList listing = backups.backups("main");
            assertThat(listing.backups()).extracting(PgBackupInfo::type).containsExactly("full", "incr", "diff", "incr");
            assertThat(listing.backups()).allSatisfy(backup ->
                    assertThat(backup.restorableUntilLsn()).isGreaterThanOrEqualTo(backup.stopLsn()));
            String json = CairnJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(listing);
            System.out.println("[listing] " + json);
            assertThat(json).contains("\"restorableFrom\"").contains("\"stopLsn\" : \"" + last.stopLsn() + "\"");
        }
    }
}
