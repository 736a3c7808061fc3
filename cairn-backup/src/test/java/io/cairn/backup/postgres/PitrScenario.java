package io.cairn.backup.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.backup.BackupType;
import io.cairn.backup.RecoveryTarget;
import io.cairn.backup.postgres.internal.Directories;
import io.cairn.core.DataManager;
import io.cairn.repository.Repository;
import io.cairn.testkit.PostgresExtension;
import io.cairn.testkit.RestoredPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The point-in-time recovery story on one server: WAL streamed, a full backup and an
 * incremental one taken under a concurrent write workload, then restores to random commit
 * times, to an LSN, an xid, a named restore point and the latest state, each restored copy
 * started and compared exactly with what was committed at that point.
 */
final class PitrScenario {
    private final PostgresExtension pg;
    private final Path temp;
    private final Random random;
    private final int phase;

    /** What happened, for assertions and reports. */
    record Outcome(int restores, PgBackupResult full, PgBackupResult incremental, PgBackupList listing,
            List<String> report) {
    }

    /** {@code phase}: how many transactions commit between the scenario's steps. */
    PitrScenario(PostgresExtension pg, Path temp, long seed, int phase) {
        this.pg = pg;
        this.temp = temp;
        this.random = new Random(seed);
        this.phase = phase;
    }

    Outcome run(int timeTargets) throws Exception {
        List<String> report = new ArrayList<>();
        try (Repository repository = TestSupport.initRepository(temp.resolve("repo"));
                DataManager dataManager = TestSupport.dataManager("main", pg)) {
            PostgresBackups backups = new PostgresBackups(dataManager, repository);
            Workload.createSchema(pg);
            PgBackupResult full;
            PgBackupResult incremental;
            long restorePointN;
            long lsnN;
            String lsn;
            long finalN;
            try (WalStreamer streamer = backups.walStreamer("main",
                    WalStreamOptions.defaults("main").withPartialInterval(Duration.ofMillis(300)))) {
                streamer.start();
                try (Workload workload = new Workload(pg)) {
                    workload.start(2);
                    workload.awaitCommitted(phase / 5);
                    full = backups.backup("main", BackupType.FULL);
                    workload.awaitCommitted(workload.committed() + phase);
                    restorePointN = Workload.quiesced(pg, connection -> {
                        TestSupport.text(connection, "SELECT pg_create_restore_point('cairn_test_point')");
                        return Workload.committed(connection);
                    });
                    workload.awaitCommitted(workload.committed() + phase * 2 / 3);
                    incremental = backups.backup("main", BackupType.INCREMENTAL);
                    String[] captured = Workload.quiesced(pg, connection -> new String[] {
                            TestSupport.text(connection, "SELECT pg_current_wal_insert_lsn()"),
                            Long.toString(Workload.committed(connection))});
                    lsn = captured[0];
                    lsnN = Long.parseLong(captured[1]);
                    workload.awaitCommitted(workload.committed() + phase);
                }
                try (Connection connection = TestSupport.connect(pg)) {
                    finalN = Workload.committed(connection);
                    Lsn flush = Lsn.parse(TestSupport.text(connection, "SELECT pg_current_wal_flush_lsn()"));
                    assertThat(streamer.awaitDurable(flush, Duration.ofSeconds(60))).as("streamer reaches " + flush).isTrue();
                }
                WalStreamStatus status = streamer.status();
                report.add("stream: " + status.segmentsStored() + " segments, " + status.partialsStored() + " partial pieces,"
                        + " lag " + status.lagBytes().orElse(-1L) + " bytes");
            }
            List<Instant> commits;
            long xid;
            long xidN;
            try (Connection connection = TestSupport.connect(pg)) {
                commits = Workload.commitTimes(connection);
                xidN = full.stopTime().isBefore(commits.get(commits.size() / 2)) ? commits.size() / 2 + 1 : finalN;
                xid = Long.parseLong(TestSupport.text(connection, "SELECT xid FROM events WHERE part = 0 AND n = " + xidN));
            }
            int restores = 0;
            for (int i = 0; i < timeTargets; i++) {
                int index = firstAfter(commits, full.stopTime()) + random.nextInt(commits.size() - firstAfter(commits,
                        full.stopTime()) - 1);
                Instant target = i % 2 == 0 ? commits.get(index)
                        : commits.get(index).plus(Duration.between(commits.get(index), commits.get(index + 1)).dividedBy(2));
                long expected;
                try (Connection connection = TestSupport.connect(pg)) {
                    expected = Workload.committedAt(connection, target);
                }
                restoreAndCompare(backups, RecoveryTarget.time(target), expected, report);
                restores++;
            }
            restoreAndCompare(backups, RecoveryTarget.lsn(lsn).exclusive(), lsnN, report);
            restoreAndCompare(backups, RecoveryTarget.xid(xid), xidN, report);
            restoreAndCompare(backups, RecoveryTarget.name("cairn_test_point"), restorePointN, report);
            restoreAndCompare(backups, RecoveryTarget.latest(), finalN, report);
            restores += 4;
            return new Outcome(restores, full, incremental, backups.backups("main"), report);
        }
    }

    private void restoreAndCompare(PostgresBackups backups, RecoveryTarget target, long expected, List<String> report)
            throws Exception {
        Path directory = temp.resolve("restore-" + target.kind() + "-" + random.nextInt(1_000_000));
        PgRestoreResult result = backups.restore("main", RestoreRequest.to(directory).withTarget(target)
                .withBinaries(pg.binaries().binDirectory()).withStart());
        long restored;
        try (RestoredPostgres copy = RestoredPostgres.start(directory, pg); Connection connection = copy.connect()) {
            restored = Workload.verifyPrefix(connection);
        }
        report.add(target.kind() + " " + target.value() + ": expected n=" + expected + ", restored n=" + restored
                + " from backup " + result.backupId().substring(0, 8) + ", " + result.walFilesStaged() + " WAL files staged,"
                + " restore " + result.restoreDuration().toMillis() + " ms, recovery "
                + result.recoveryDuration().orElseThrow().toMillis() + " ms, reached " + result.reached().orElseThrow());
        assertThat(restored).as("rows restored for target " + target).isEqualTo(expected);
        Directories.deleteRecursively(directory);
    }

    private static int firstAfter(List<Instant> commits, Instant time) {
        for (int i = 0; i < commits.size(); i++) {
            if (commits.get(i).isAfter(time)) {
                return i;
            }
        }
        throw new AssertionError("no commit after " + time);
    }
}
