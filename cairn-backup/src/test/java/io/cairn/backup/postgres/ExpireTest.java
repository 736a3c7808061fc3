package io.cairn.backup.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.backup.BackupType;
import io.cairn.backup.RecoveryTarget;
import io.cairn.backup.postgres.internal.RepositoryGateway;
import io.cairn.backup.postgres.internal.WalArchive;
import io.cairn.backup.postgres.internal.WalSegment;
import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.repository.Repository;
import io.cairn.repository.RetentionPolicy;
import io.cairn.repository.SnapshotInfo;
import io.cairn.testkit.Await;
import io.cairn.testkit.PostgresExtension;
import io.cairn.testkit.RestoredPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention of base backups and expiry of archived WAL on a real server: full, incr, diff, full
 * with writes between them and every segment archived; keep-last 2 removes the first two backups
 * and exactly the WAL before the third one's start; restores to the latest state and to a time
 * inside the new window give exactly the committed rows. Also: dry run, no backups, a WAL store
 * spanning the cut, a running backup (LOCKED, nothing removed), expire while WAL is streamed under
 * load, and kill -9 between forgetting backups and forgetting WAL.
 */
class ExpireTest {
    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.builder().setting("wal_keep_size", "512MB").build();

    @TempDir
    Path temp;

    @Test
    void keepLastTwoRemovesOldBackupsAndTheirWalAndRestoresStillMatch() throws Exception {
        TestSupport.traversable(temp);
        TestSupport.execute(PG, "DROP TABLE IF EXISTS items", "CREATE TABLE items (batch int, n int)");
        try (Repository repository = TestSupport.initRepository(temp.resolve("repo"));
                DataManager dataManager = TestSupport.dataManager("main", PG)) {
            PostgresBackups backups = new PostgresBackups(dataManager, repository);
            insertBatch(1);
            PgBackupResult first = backups.backup("main", BackupType.FULL);
            insertBatch(2);
            PgBackupResult second = backups.backup("main", BackupType.INCREMENTAL);
            insertBatch(3);
            PgBackupResult third = backups.backup("main", BackupType.DIFFERENTIAL);
            insertBatch(4);
            Instant target = serverNow();
            insertBatch(5);
            PgBackupResult fourth = backups.backup("main", BackupType.FULL);
            insertBatch(6);
            archiveEverything(backups);
            int snapshotsBefore = repository.snapshots().size();

            RetentionPolicy keepTwo = RetentionPolicy.none().withKeepLast(2);
            PgExpireResult dry = backups.expire("main", keepTwo, ExpireOptions.defaults().withDryRun(true));
            assertThat(dry.removed()).extracting(PgExpireResult.Backup::backupId)
                    .containsExactly(first.backupId(), second.backupId());
            assertThat(dry.walFilesRemoved()).isPositive();
            assertThat(dry.pruned()).isFalse();
            assertThat(repository.snapshots()).hasSize(snapshotsBefore);
            assertThat(backups.backups("main").backups()).hasSize(4);

            PgExpireResult result = backups.expire("main", keepTwo, ExpireOptions.defaults());
            System.out.println("[expire] " + io.cairn.core.CairnJson.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(result));
            assertThat(result.removed()).extracting(PgExpireResult.Backup::type).containsExactly("full", "incr");
            assertThat(result.kept()).extracting(PgExpireResult.Backup::backupId)
                    .containsExactly(third.backupId(), fourth.backupId());
            assertThat(result.kept().get(1).reasons()).contains("last backup");
            assertThat(result.walFilesRemoved()).isEqualTo(dry.walFilesRemoved());
            assertThat(result.walKeptFrom()).contains(walStart(backups, third));
            assertThat(result.lastWalRemoved().orElseThrow()).isLessThan(walStart(backups, third));
            assertThat(result.pruned()).isTrue();
            assertThat(result.bytesFreed()).isPositive();
            assertThat(result.restorableFrom()).contains(third.stopTime());

            PgBackupList listing = backups.backups("main");
            assertThat(listing.backups()).extracting(PgBackupInfo::backupId)
                    .containsExactly(third.backupId(), fourth.backupId());
            assertThat(listing.wal()).hasSize(1);
            assertThat(listing.wal().get(0).firstSegment()).isEqualTo(walStart(backups, third));
            assertThat(listing.wal().get(0).start()).isLessThanOrEqualTo(third.startLsn());

            assertThat(restoredRows(backups, RecoveryTarget.latest())).isEqualTo(6 * 100);
            assertThat(restoredRows(backups, RecoveryTarget.time(target))).isEqualTo(4 * 100);

            PgExpireResult again = backups.expire("main", keepTwo, ExpireOptions.defaults());
            assertThat(again.removed()).isEmpty();
            assertThat(again.walSnapshotsRemoved()).isZero();
            assertThat(again.pruned()).isFalse();
        }
    }

    @Test
    void expireWhileWalIsStreamedUnderLoadLosesNothing() throws Exception {
        TestSupport.traversable(temp);
        TestSupport.execute(PG, "DROP TABLE IF EXISTS counter, events");
        Workload.createSchema(PG);
        try (Repository repository = TestSupport.initRepository(temp.resolve("repo"));
                DataManager dataManager = TestSupport.dataManager("main", PG)) {
            PostgresBackups backups = new PostgresBackups(dataManager, repository);
            PgBackupResult kept;
            PgExpireResult result;
            long finalN;
            try (WalStreamer streamer = backups.walStreamer("main", WalStreamOptions.defaults("main")
                    .withSlot("cairn_expire_test").withPartialInterval(java.time.Duration.ofMillis(200)))) {
                streamer.start();
                try (Workload workload = new Workload(PG)) {
                    workload.start(2);
                    workload.awaitCommitted(100);
                    backups.backup("main", BackupType.FULL);
                    workload.awaitCommitted(workload.committed() + 100);
                    kept = backups.backup("main", BackupType.INCREMENTAL);
                    workload.awaitCommitted(workload.committed() + 100);
                    result = backups.expire("main", RetentionPolicy.none().withKeepLast(1), ExpireOptions.defaults());
                    workload.awaitCommitted(workload.committed() + 100);
                }
                try (Connection connection = TestSupport.connect(PG)) {
                    finalN = Workload.committed(connection);
                    Lsn flush = Lsn.parse(TestSupport.text(connection, "SELECT pg_current_wal_flush_lsn()"));
                    assertThat(streamer.awaitDurable(flush, java.time.Duration.ofSeconds(60))).isTrue();
                }
            } finally {
                dropSlotWhenInactive("cairn_expire_test");
            }
            assertThat(result.removed()).hasSize(1);
            assertThat(result.walFilesRemoved()).isPositive();
            PgExpireResult second = backups.expire("main", RetentionPolicy.none().withKeepLast(1), ExpireOptions.defaults());
            System.out.println("[expire while streaming] first: " + result.walFilesRemoved() + " WAL files in "
                    + result.walSnapshotsRemoved() + " stores; after the streamer stopped: " + second.walFilesRemoved()
                    + " files (superseded partial pieces)");
            assertThat(storesOfSupersededPiecesOnly(repository)).isEmpty();
            PgBackupList listing = backups.backups("main");
            assertThat(listing.wal()).hasSize(1);
            assertThat(listing.wal().get(0).firstSegment()).isEqualTo(walStart(backups, kept));
            Path directory = temp.resolve("restore-streamed");
            backups.restore("main", RestoreRequest.to(directory).withTarget(RecoveryTarget.latest())
                    .withBinaries(PG.binaries().binDirectory()).withStart());
            try (RestoredPostgres copy = RestoredPostgres.start(directory, PG); Connection connection = copy.connect()) {
                assertThat(Workload.verifyPrefix(connection)).isEqualTo(finalN);
            }
        }
    }

    @Test
    @SuppressWarnings("try")
    void walStoreSpanningTheCutIsKeptWholeAndARunningBackupBlocksExpire() throws Exception {
        TestSupport.traversable(temp);
        TestSupport.execute(PG, "DROP TABLE IF EXISTS spans", "CREATE TABLE spans (n int)");
        try (Repository repository = TestSupport.initRepository(temp.resolve("repo"));
                DataManager dataManager = TestSupport.dataManager("main", PG)) {
            PostgresBackups backups = new PostgresBackups(dataManager, repository);
            TestSupport.execute(PG, "INSERT INTO spans SELECT generate_series(1, 100)", "SELECT pg_switch_wal()");
            backups.backup("main", BackupType.FULL);
            TestSupport.execute(PG, "INSERT INTO spans SELECT generate_series(1, 100)", "SELECT pg_switch_wal()");
            PgBackupResult kept = backups.backup("main", BackupType.FULL);
            WalSegment cut = WalSegment.parse(walStart(backups, kept), 16L << 20).orElseThrow();
            WalSegment before = new WalSegment(cut.timeline(), cut.number() - 1, cut.size());
            WalSegment earlier = new WalSegment(cut.timeline(), cut.number() - 2, cut.size());
            WalArchive archive = new WalArchive(new RepositoryGateway(repository), Clock.systemUTC());
            String system = kept.systemIdentifier();
            String spanning = archive.store("main", system, cut.size(), List.of(content(before), content(cut)),
                    Optional.empty());
            String alone = archive.store("main", system, cut.size(), List.of(content(earlier)), Optional.empty());

            // a backup in progress holds the repository's shared lock: expire gives up with LOCKED, having removed nothing
            int snapshotsBefore = repository.snapshots().size();
            try (var running = repository.newSnapshot("postgresql:main", List.of("main"),
                    io.cairn.repository.BackupOptions.defaults().withNoParent(), io.cairn.repository.ProgressListener.NONE)) {
                assertThatThrownBy(() -> backups.expire("main", RetentionPolicy.none().withKeepLast(1),
                        ExpireOptions.defaults())).isInstanceOf(CairnException.class)
                        .hasMessageContaining("expire gave up forgetting backups").hasMessageContaining("run it again")
                        .satisfies(e -> assertThat(((CairnException) e).code()).isEqualTo(ErrorCode.LOCKED));
            }
            assertThat(repository.snapshots()).hasSize(snapshotsBefore);

            PgExpireResult result = backups.expire("main", RetentionPolicy.none().withKeepLast(1), ExpireOptions.defaults());

            List<String> ids = repository.snapshots().stream().map(SnapshotInfo::id).toList();
            assertThat(ids).contains(spanning).doesNotContain(alone);
            assertThat(result.removed()).hasSize(1);
            assertThat(backups.fetchWal("main", before.name(), temp.resolve("fetched")).found()).isTrue();
            assertThat(backups.fetchWal("main", earlier.name(), temp.resolve("fetched-earlier")).found()).isFalse();
        }
    }

    @Test
    void withoutBackupsNothingIsRemoved() throws Exception {
        try (Repository repository = TestSupport.initRepository(temp.resolve("repo"));
                DataManager dataManager = TestSupport.dataManager("main", PG)) {
            PostgresBackups backups = new PostgresBackups(dataManager, repository);
            String segment = TestSupport.text(PG, "SELECT pg_walfile_name(pg_current_wal_lsn())");
            TestSupport.execute(PG, "SELECT pg_switch_wal()");
            backups.pushWal("main", PG.dataDirectory().resolve("pg_wal").resolve(segment));
            int pushed = 1;
            PgExpireResult result = backups.expire("main", RetentionPolicy.none().withKeepLast(1), ExpireOptions.defaults());
            assertThat(result.kept()).isEmpty();
            assertThat(result.removed()).isEmpty();
            assertThat(result.walSnapshotsRemoved()).isZero();
            assertThat(result.walKeptFrom()).isEmpty();
            assertThat(result.notes()).singleElement().asString().contains("no backups").contains("nothing was removed");
            assertThat(repository.snapshots()).hasSize(pushed);
        }
    }

    @Test
    void killedBetweenForgettingBackupsAndWalIsFinishedByTheNextExpire() throws Exception {
        TestSupport.traversable(temp);
        TestSupport.execute(PG, "DROP TABLE IF EXISTS crash", "CREATE TABLE crash (n int)");
        Path repositoryPath = temp.resolve("repo");
        TestSupport.initRepository(repositoryPath).close();
        PgBackupResult kept;
        try (Repository repository = TestSupport.openRepository(repositoryPath);
                DataManager dataManager = TestSupport.dataManager("main", PG)) {
            PostgresBackups backups = new PostgresBackups(dataManager, repository);
            TestSupport.execute(PG, "INSERT INTO crash SELECT generate_series(1, 100)");
            backups.backup("main", BackupType.FULL);
            TestSupport.execute(PG, "INSERT INTO crash SELECT generate_series(101, 200)");
            kept = backups.backup("main", BackupType.INCREMENTAL);
            TestSupport.execute(PG, "INSERT INTO crash SELECT generate_series(201, 300)");
            archiveEverything(backups);
        }

        runChildAndKillAfterBackupsForgotten(repositoryPath);

        try (Repository repository = TestSupport.openRepository(repositoryPath);
                DataManager dataManager = TestSupport.dataManager("main", PG)) {
            PostgresBackups backups = new PostgresBackups(dataManager, repository);
            PgBackupList afterCrash = backups.backups("main");
            assertThat(afterCrash.backups()).extracting(PgBackupInfo::backupId).containsExactly(kept.backupId());
            assertThat(afterCrash.wal().get(0).firstSegment()).as("WAL not expired yet")
                    .isLessThan(walStart(backups, kept));

            PgExpireResult finished = backups.expire("main", RetentionPolicy.none().withKeepLast(1),
                    ExpireOptions.defaults());
            assertThat(finished.removed()).isEmpty();
            assertThat(finished.walFilesRemoved()).isPositive();
            assertThat(finished.pruned()).isTrue();
            assertThat(backups.backups("main").wal().get(0).firstSegment()).isEqualTo(walStart(backups, kept));
            assertThat(restoredRows(backups, RecoveryTarget.latest(), "crash")).isEqualTo(300);
        }
    }

    private void runChildAndKillAfterBackupsForgotten(Path repositoryPath) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), ExpireChild.class.getName(), repositoryPath.toString(), "main")
                .redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // the child was killed
            }
        }, "expire-child-output");
        reader.setDaemon(true);
        reader.start();
        List<String> seen = new ArrayList<>();
        try {
            Instant deadline = Instant.now().plusSeconds(90);
            while (!seen.contains(ExpireChild.FORGOTTEN)) {
                String line = lines.poll(500, TimeUnit.MILLISECONDS);
                if (line != null) {
                    seen.add(line);
                }
                if (Instant.now().isAfter(deadline) || line == null && !child.isAlive() && lines.isEmpty()) {
                    throw new AssertionError("the expire child did not reach the kill point: " + seen);
                }
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally in the child runs
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** WAL stores holding nothing but partial pieces of segments the archive also holds complete. */
    private static List<String> storesOfSupersededPiecesOnly(Repository repository) {
        List<String> complete = new ArrayList<>();
        for (SnapshotInfo snapshot : repository.snapshots()) {
            snapshot.paths().stream().map(path -> path.substring(path.lastIndexOf('/') + 1))
                    .filter(name -> name.matches("[0-9A-F]{24}")).forEach(complete::add);
        }
        return repository.snapshots().stream().filter(snapshot -> !snapshot.paths().isEmpty() && snapshot.paths().stream()
                .map(path -> path.substring(path.lastIndexOf('/') + 1))
                .allMatch(name -> name.matches("[0-9A-F]{24}\\.partial-[0-9A-F]{8}")
                        && complete.contains(name.substring(0, 24)))).map(SnapshotInfo::id).toList();
    }

    /** The walsender may outlive the streamer's close by a moment: poll until the slot can be dropped. */
    private static void dropSlotWhenInactive(String slot) {
        Await.until(java.time.Duration.ofSeconds(30), "the slot " + slot + " to be dropped", () -> {
            TestSupport.execute(PG, "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
                    + " WHERE slot_name = '" + slot + "'");
            return true;
        });
    }

    private long restoredRows(PostgresBackups backups, RecoveryTarget target) throws Exception {
        return restoredRows(backups, target, "items");
    }

    private long restoredRows(PostgresBackups backups, RecoveryTarget target, String table) throws Exception {
        Path directory = temp.resolve("restore-" + target.kind() + "-" + System.nanoTime());
        backups.restore("main", RestoreRequest.to(directory).withTarget(target)
                .withBinaries(PG.binaries().binDirectory()).withStart());
        try (RestoredPostgres copy = RestoredPostgres.start(directory, PG); Connection connection = copy.connect()) {
            return Long.parseLong(TestSupport.text(connection, "SELECT count(*) FROM " + table));
        }
    }

    private static String walStart(PostgresBackups backups, PgBackupResult backup) {
        return backups.backups("main").backups().stream().filter(b -> b.backupId().equals(backup.backupId()))
                .findFirst().orElseThrow().walStart();
    }

    private static WalArchive.Content content(WalSegment segment) throws Exception {
        return new WalArchive.Content(segment.name(), Files.readAllBytes(PG.dataDirectory().resolve("pg_wal")
                .resolve(segment.name())));
    }

    /**
     * Switches to a new segment, writes one record into it (pg_walfile_name names the previous
     * segment while the position is exactly at a boundary) and archives every complete segment.
     */
    private static void archiveEverything(PostgresBackups backups) throws Exception {
        TestSupport.execute(PG, "SELECT pg_switch_wal()", "SELECT pg_logical_emit_message(true, 'cairn-test', 'x')");
        TestSupport.pushWalSegments(PG, backups, "main");
    }

    private static void insertBatch(int batch) throws Exception {
        TestSupport.execute(PG, "INSERT INTO items SELECT " + batch + ", g FROM generate_series(1, 100) g");
    }

    private static Instant serverNow() throws Exception {
        try (Connection connection = TestSupport.connect(PG);
                var statement = connection.createStatement();
                var row = statement.executeQuery("SELECT clock_timestamp()")) {
            row.next();
            Timestamp time = row.getTimestamp(1);
            return time.toInstant();
        }
    }
}
