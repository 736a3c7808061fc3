package io.cairn.backup.postgres.internal;

import io.cairn.backup.postgres.PgBackupInfo;
import io.cairn.backup.postgres.PgBackupList;
import io.cairn.backup.postgres.WalRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds {@code cairn pg backups}: each backup with the window it can restore (from its stop to
 * the end of the gap-free archived WAL that follows its start), and the archived WAL as runs.
 */
public final class BackupLister {
    private final RepositoryGateway gateway;
    private final BackupCatalog catalog;
    private final WalArchive archive;

    public BackupLister(RepositoryGateway gateway, BackupCatalog catalog, WalArchive archive) {
        this.gateway = gateway;
        this.catalog = catalog;
        this.archive = archive;
    }

    public PgBackupList list(String db) {
        WalCatalog wal = archive.catalog(db);
        TimelineHistory lineage = new Lineages(gateway).latest(wal);
        List<PgBackupInfo> backups = new ArrayList<>();
        for (BackupCatalog.Backup backup : catalog.list(db)) {
            backups.add(info(backup, WalCoverage.from(wal, lineage, backup.manifest().startLsn())));
        }
        List<WalRange> ranges = new ArrayList<>();
        long size = wal.segmentSize();
        for (WalCoverage run : WalCoverage.runs(wal, lineage)) {
            long first = Long.divideUnsigned(run.start().value(), size);
            long last = Long.divideUnsigned(run.end().value() - 1, size);
            boolean partial = run.firstMissing().map(missing -> missing.number() == last + 1).orElse(false)
                    && wal.completeSegment(new WalSegment(lineage.timelineForSegment(last, size), last, size)).isEmpty();
            ranges.add(new WalRange(new WalSegment(lineage.timelineForSegment(first, size), first, size).name(),
                    new WalSegment(lineage.timelineForSegment(last, size), last, size).name(), run.start(), run.end(),
                    run.endTime(), partial));
        }
        return new PgBackupList(db, gateway.location(), lineage.timeline(), backups, ranges);
    }

    private static PgBackupInfo info(BackupCatalog.Backup backup, WalCoverage coverage) {
        BackupManifest manifest = backup.manifest();
        RepositoryGateway.Stored snapshot = backup.snapshot();
        return new PgBackupInfo(snapshot.id(), snapshot.shortId(), manifest.type(), Optional.ofNullable(manifest.parent()),
                manifest.startLsn(), manifest.stopLsn(), manifest.timeline(), manifest.startTime(), manifest.stopTime(),
                manifest.serverVersion(), snapshot.bytes(), snapshot.dataAdded(), snapshot.dataAddedStored(),
                manifest.corruptPages().size(), manifest.walStart(), manifest.walStop(), manifest.stopTime(),
                coverage.endTime(), coverage.end());
    }
}
