package io.cairn.backup.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.backup.BackupType;
import io.cairn.backup.RecoveryTarget;
import io.cairn.core.DataManager;
import io.cairn.repository.Repository;
import io.cairn.testkit.Await;
import io.cairn.testkit.PostgresExtension;
import io.cairn.testkit.RestoredPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the streamer (a child JVM) and of PostgreSQL while WAL is streamed under a write
 * workload: afterwards the archive has every segment without a gap, each equal to the server's
 * own file, and a restore to the latest point has every committed transaction.
 */
class WalStreamerFaultTest {
    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.builder().setting("max_wal_size", "128MB")
            .setting("wal_keep_size", "256MB").build();

    @TempDir
    Path temp;

    @Test
    void killingStreamerAndServerLosesNoWal() throws Exception {
        TestSupport.traversable(temp);
        Path repositoryPath = temp.resolve("repo");
        TestSupport.initRepository(repositoryPath).close();
        Workload.createSchema(PG);
        try (Repository repository = TestSupport.openRepository(repositoryPath);
                DataManager dataManager = TestSupport.dataManager("main", PG);
                StreamerProcess streamer = StreamerProcess.create(PG, temp.resolve("streamer"), repositoryPath, false)) {
            PostgresBackups backups = new PostgresBackups(dataManager, repository);
            streamer.start();
            PgBackupResult full;
            try (Workload workload = new Workload(PG, true)) {
                workload.start(2);
                full = backups.backup("main", BackupType.FULL);
                workload.awaitCommitted(workload.committed() + 200);
                streamer.kill();
                workload.awaitCommitted(workload.committed() + 200);
                streamer.start();
                workload.awaitCommitted(workload.committed() + 200);
                PG.kill();
                PG.start();
                workload.awaitCommitted(workload.committed() + 200);
                TestSupport.execute(PG, "CREATE TABLE bulk AS SELECT g, repeat(md5(g::text), 8) AS filler"
                        + " FROM generate_series(1, 150000) g");
                streamer.kill();
                TestSupport.execute(PG, "INSERT INTO bulk SELECT g, repeat(md5(g::text), 8) FROM generate_series(1, 100000) g");
                streamer.start();
                workload.awaitCommitted(workload.committed() + 200);
            }
            long finalN;
            Lsn flush;
            try (Connection connection = TestSupport.connect(PG)) {
                finalN = Workload.committed(connection);
                flush = Lsn.parse(TestSupport.text(connection, "SELECT pg_current_wal_flush_lsn()"));
            }
            PgBackupList listing = awaitArchived(backups, flush);
            assertThat(listing.wal()).as("one gap-free run of WAL").hasSize(1);
            int compared = compareWithServer(backups, listing.wal().get(0));
            assertThat(compared).isGreaterThan(3);

            Path restored = temp.resolve("restored");
            backups.restore("main", RestoreRequest.to(restored).withTarget(RecoveryTarget.latest())
                    .withBackup(full.backupId()).withStart());
            try (RestoredPostgres copy = RestoredPostgres.start(restored, PG); Connection connection = copy.connect()) {
                assertThat(Workload.verifyPrefix(connection)).isEqualTo(finalN);
                assertThat(TestSupport.text(connection, "SELECT count(*) FROM bulk")).isEqualTo("250000");
            }
        }
    }

    /** Every complete archived segment still in the server's pg_wal must be byte-identical to it. */
    private int compareWithServer(PostgresBackups backups, WalRange range) throws Exception {
        int compared = 0;
        String current = TestSupport.text(PG, "SELECT pg_walfile_name(pg_current_wal_lsn())");
        try (var files = Files.list(PG.dataDirectory().resolve("pg_wal"))) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!name.matches("[0-9A-F]{24}") || name.compareTo(range.firstSegment()) < 0
                        || name.compareTo(current) >= 0) {
                    continue;
                }
                Path fetched = temp.resolve("fetched-" + name);
                WalFetchResult result = backups.fetchWal("main", name, fetched);
                assertThat(result.found()).as("archived " + name).isTrue();
                assertThat(Arrays.equals(Files.readAllBytes(fetched), Files.readAllBytes(file)))
                        .as("archived " + name + " equals the server's").isTrue();
                Files.delete(fetched);
                compared++;
            }
        }
        return compared;
    }

    private static PgBackupList awaitArchived(PostgresBackups backups, Lsn lsn) {
        return Await.until(Duration.ofSeconds(90), "WAL up to " + lsn + " archived (state: the backup list)",
                () -> backups.backups("main"),
                listing -> !listing.wal().isEmpty() && !listing.wal().get(listing.wal().size() - 1).end().isBefore(lsn));
    }
}
