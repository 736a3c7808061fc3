package io.cairn.backup.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.backup.postgres.Lsn;
import io.cairn.backup.postgres.PgSnapshots;
import io.cairn.repository.RetentionPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which backups a policy keeps and which WAL stores expire removes, without a server. */
class ExpiryRulesTest {
    private static final long SIZE = 16L << 20;
    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    private static final String SYSTEM = "7300000000000000001";

    @Test
    void walBeforeTheCutGoesOnEveryTimelineAndStoresSpanningItStay() {
        List<RepositoryGateway.Stored> stores = new ArrayList<>();
        stores.add(wal("old", SYSTEM, "000000010000000000000003"));
        stores.add(wal("old-tl2", SYSTEM, "000000020000000000000004"));
        stores.add(wal("backup-file", "", "000000010000000000000004.00000028.backup"));
        stores.add(wal("promoted", "", "000000010000000000000004.partial"));
        stores.add(wal("history", "", "00000002.history"));
        stores.add(wal("spanning", SYSTEM, "000000010000000000000004", "000000010000000000000005"));
        stores.add(wal("at-cut", SYSTEM, "000000010000000000000005"));
        stores.add(wal("other-cluster", "7300000000000000999", "000000010000000000000001"));
        stores.add(wal("unknown", "", "notes.txt"));
        stores.add(piece("piece-old", "000000010000000000000002", 0));
        WalExpiry.Plan plan = plan(stores, 5);
        assertThat(plan.snapshots()).extracting(RepositoryGateway.Stored::id)
                .containsExactly("old", "old-tl2", "backup-file", "promoted", "piece-old");
        assertThat(plan.first()).contains("000000010000000000000002.partial-00000000");
        assertThat(plan.last()).contains("000000020000000000000004");
    }

    @Test
    void piecesOfASegmentStoredCompleteAreRemovedOthersStay() {
        List<RepositoryGateway.Stored> stores = new ArrayList<>();
        stores.add(piece("piece-a", "000000010000000000000007", 0));
        stores.add(piece("piece-b", "000000010000000000000007", 0x10000));
        stores.add(wal("complete", SYSTEM, "000000010000000000000007"));
        stores.add(piece("piece-current", "000000010000000000000008", 0));
        WalExpiry.Plan plan = plan(stores, 5);
        assertThat(plan.snapshots()).extracting(RepositoryGateway.Stored::id).containsExactly("piece-a", "piece-b");
    }

    @Test
    void newestBackupIsAlwaysKeptAndDailyKeepsOnePerDay() {
        List<BackupCatalog.Backup> backups = List.of(backup("a", T0), backup("b", T0.plus(Duration.ofHours(2))),
                backup("c", T0.plus(Duration.ofDays(1))), backup("d", T0.plus(Duration.ofDays(1).plusHours(3))));
        RetentionPolicy daily = RetentionPolicy.none().withKeepDaily(2).withZone(ZoneOffset.UTC);
        assertThat(BackupRetention.plan(backups, daily)).extracting(d -> d.backup().id() + ":" + d.kept())
                .containsExactly("a:false", "b:true", "c:false", "d:true");

        RetentionPolicy tagged = RetentionPolicy.none().withKeepTag("never-on-these");
        List<BackupRetention.Decision> decisions = BackupRetention.plan(backups, tagged);
        assertThat(decisions).extracting(BackupRetention.Decision::kept).containsExactly(false, false, false, true);
        assertThat(decisions.get(3).reasons()).containsExactly(BackupRetention.NEWEST);

        RetentionPolicy within = RetentionPolicy.none().withKeepWithin(Duration.ofHours(26));
        assertThat(BackupRetention.plan(backups, within)).extracting(BackupRetention.Decision::kept)
                .containsExactly(false, true, true, true);
        assertThat(BackupRetention.plan(List.of(), daily)).isEmpty();
    }

    private static WalExpiry.Plan plan(List<RepositoryGateway.Stored> stores, long cut) {
        WalCatalog catalog = new WalArchive(null, Clock.systemUTC()).catalog(stores);
        return WalExpiry.plan(stores, catalog, cut, Set.of(SYSTEM));
    }

    private static RepositoryGateway.Stored wal(String id, String system, String... names) {
        List<String> tags = new ArrayList<>(List.of(PgSnapshots.WAL_TAG, "db:main", "segsize:" + SIZE));
        if (!system.isEmpty()) {
            tags.add("system:" + system);
        }
        List<String> paths = java.util.Arrays.stream(names).map(name -> WalArchive.DIRECTORY + name).toList();
        return new RepositoryGateway.Stored(id, id, T0, PgSnapshots.walSource("main"), tags, paths, SIZE * names.length, 0, 0);
    }

    private static RepositoryGateway.Stored piece(String id, String segment, long offset) {
        WalSegment parsed = WalSegment.parse(segment, SIZE).orElseThrow();
        List<String> tags = List.of(PgSnapshots.WAL_TAG, "db:main", "segsize:" + SIZE, "system:" + SYSTEM,
                "partial-end:" + parsed.start().plus(offset + 4096));
        String path = WalArchive.DIRECTORY + segment + WalArchive.PARTIAL_MARK + String.format("%08X", offset);
        return new RepositoryGateway.Stored(id, id, T0, PgSnapshots.walSource("main"), tags, List.of(path), 4096, 0, 0);
    }

    private static BackupCatalog.Backup backup(String id, Instant stop) {
        RepositoryGateway.Stored snapshot = new RepositoryGateway.Stored(id, id, stop, PgSnapshots.baseBackupSource("main"),
                List.of(PgSnapshots.BASE_BACKUP_TAG), List.of("main"), 0, 0, 0);
        BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, "main", "full", null, Lsn.ZERO, Lsn.ZERO, 1,
                stop, stop, 0, 0, "15", 150000, SYSTEM, SIZE, 8192, false, "", "", Map.of(), 1, 0, 0, List.of(), "", 0, 0);
        return new BackupCatalog.Backup(snapshot, manifest);
    }
}
