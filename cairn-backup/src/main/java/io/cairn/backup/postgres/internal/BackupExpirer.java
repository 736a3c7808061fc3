package io.cairn.backup.postgres.internal;

import io.cairn.backup.postgres.ExpireOptions;
import io.cairn.backup.postgres.Lsn;
import io.cairn.backup.postgres.PgExpireResult;
import io.cairn.backup.postgres.PgSnapshots;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.Sleeper;
import io.cairn.core.retry.Backoff;
import io.cairn.core.retry.Retry;
import io.cairn.repository.RetentionPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention of one database's base backups, and expiry of the archived WAL only removed backups
 * needed. Every backup snapshot holds a whole data directory (incremental and differential
 * backups share unchanged content by deduplication, not by reference), so any backup can be
 * removed without harming another.
 *
 * <p>Crash safety, in this order: (1) the removed backups are forgotten; (2) the WAL wholly
 * before the oldest backup still present is forgotten, the cut being computed from a fresh
 * listing taken after step 1; (3) prune. Each step deletes only snapshot files (steps 1, 2) or
 * data no snapshot uses (3), so a crash between any two steps leaves a repository where every
 * remaining backup still has its WAL, only with extra WAL or unpruned data, which the next expire
 * removes. The WAL cut never passes a backup that is present when the WAL is forgotten; new WAL
 * stored meanwhile is newer than every backup's start, so it is never at risk.
 *
 * <p>Forgetting and pruning take the repository's exclusive lock, which fails while a backup or a
 * WAL store holds its shared lock: those are retried for a few seconds (WAL stores are short), and
 * a base backup in progress makes expire fail with LOCKED, to be run again later.
 */
public final class BackupExpirer {
    private static final Logger LOG = LoggerFactory.getLogger(BackupExpirer.class);
    private static final int BATCH = 200;
    private static final int LOCK_ATTEMPTS = 10;
    private static final Duration FIRST_LOCK_DELAY = Duration.ofMillis(100);
    private static final Duration MAX_LOCK_DELAY = Duration.ofSeconds(2);

    private final RepositoryGateway gateway;
    private final BackupCatalog catalog;
    private final WalArchive archive;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Runnable afterBackupsForgotten;

    public BackupExpirer(RepositoryGateway gateway, BackupCatalog catalog, WalArchive archive, Clock clock,
            Sleeper sleeper) {
        this(gateway, catalog, archive, clock, sleeper, () -> { });
    }

    /** With a hook run between steps 1 and 2 (crash tests kill the process there). */
    public BackupExpirer(RepositoryGateway gateway, BackupCatalog catalog, WalArchive archive, Clock clock,
            Sleeper sleeper, Runnable afterBackupsForgotten) {
        this.gateway = gateway;
        this.catalog = catalog;
        this.archive = archive;
        this.clock = clock;
        this.sleeper = sleeper;
        this.afterBackupsForgotten = afterBackupsForgotten;
    }

    public PgExpireResult expire(String db, RetentionPolicy policy, ExpireOptions options) {
        Instant began = clock.instant();
        List<String> notes = new ArrayList<>();
        List<BackupRetention.Decision> decisions = BackupRetention.plan(catalog.list(db), policy);
        if (decisions.isEmpty()) {
            notes.add("database '" + db + "' has no backups in repository " + gateway.location()
                    + ": nothing was removed (archived WAL is kept until a backup needs none of it)");
            return new PgExpireResult(db, gateway.location(), options.dryRun(), List.of(), List.of(), Optional.empty(),
                    Optional.empty(), 0, 0, 0, Optional.empty(), Optional.empty(), false, 0, Optional.empty(), notes,
                    Duration.between(began, clock.instant()));
        }
        List<BackupRetention.Decision> kept = decisions.stream().filter(BackupRetention.Decision::kept).toList();
        List<BackupRetention.Decision> removed = decisions.stream().filter(d -> !d.kept()).toList();
        if (!options.dryRun() && !removed.isEmpty()) {
            forget(db, "backups", removed.stream().map(d -> d.backup().id()).toList());
            LOG.info("database '{}': forgot {} base backup(s) in repository {}", db, removed.size(), gateway.location());
        }
        afterBackupsForgotten.run();
        WalOutcome wal = options.dryRun() ? planWal(db, kept.stream().map(BackupRetention.Decision::backup).toList())
                : expireWal(db, notes);
        boolean somethingRemoved = !removed.isEmpty() || !wal.removed().snapshots().isEmpty();
        long freed = 0;
        boolean pruned = false;
        if (!options.dryRun() && options.prune() && somethingRemoved) {
            Optional<Long> bytes = prune(db, notes);
            pruned = bytes.isPresent();
            freed = bytes.orElse(0L);
        }
        Optional<BackupCatalog.Backup> oldest = wal.oldest();
        WalExpiry.Plan walRemoved = wal.removed();
        return new PgExpireResult(db, gateway.location(), options.dryRun(), entries(kept), entries(removed),
                oldest.map(backup -> cutSegment(backup, segmentSize(backup)).name()),
                oldest.map(backup -> backup.manifest().startLsn()), walRemoved.snapshots().size(),
                walRemoved.files().size(), walRemoved.bytes(), walRemoved.first(), walRemoved.last(), pruned, freed,
                kept.stream().map(d -> d.backup().manifest().stopTime()).min(Comparator.naturalOrder()), notes,
                Duration.between(began, clock.instant()));
    }

    /** The backup the WAL cut follows (the one starting earliest), and the WAL stores removed (or to remove). */
    private record WalOutcome(Optional<BackupCatalog.Backup> oldest, WalExpiry.Plan removed) {
    }

    /**
     * Forgets the WAL no present backup needs, one batch at a time, listing backups and WAL again
     * before each batch: a backup committed meanwhile (one that started before the others) moves
     * the cut back before any more WAL is removed.
     */
    private WalOutcome expireWal(String db, List<String> notes) {
        List<RepositoryGateway.Stored> forgotten = new ArrayList<>();
        while (true) {
            WalOutcome next = planWal(db, catalog.list(db));
            if (next.oldest().isEmpty()) {
                notes.add("no backup of '" + db + "' is left (removed by another process?): archived WAL was not touched");
            }
            List<RepositoryGateway.Stored> pending = next.removed().snapshots();
            List<RepositoryGateway.Stored> batch = pending.subList(0, Math.min(BATCH, pending.size()));
            int removed = batch.isEmpty() ? 0 : forgetBatch(db, "WAL", batch.stream().map(RepositoryGateway.Stored::id).toList());
            forgotten.addAll(batch);
            if (removed == 0) {
                if (!forgotten.isEmpty()) {
                    LOG.info("database '{}': forgot {} WAL store(s) before {} in repository {}", db, forgotten.size(),
                            next.oldest().map(backup -> backup.manifest().startLsn()).orElse(Lsn.ZERO), gateway.location());
                }
                return new WalOutcome(next.oldest(), new WalExpiry.Plan(forgotten));
            }
        }
    }

    /** What WAL expiry would remove if {@code backups} were the backups present. */
    private WalOutcome planWal(String db, List<BackupCatalog.Backup> backups) {
        Optional<BackupCatalog.Backup> oldest = oldestByStart(backups);
        if (oldest.isEmpty()) {
            return new WalOutcome(oldest, new WalExpiry.Plan(List.of()));
        }
        Set<String> systems = new HashSet<>();
        backups.forEach(backup -> systems.add(backup.manifest().systemIdentifier()));
        List<RepositoryGateway.Stored> snapshots = gateway.snapshots(PgSnapshots.walSource(db));
        WalCatalog walCatalog = archive.catalog(snapshots);
        long cut = cutSegment(oldest.get(), walCatalog.segmentSize()).number();
        return new WalOutcome(oldest, WalExpiry.plan(snapshots, walCatalog, cut, systems));
    }

    /** The backup whose start is earliest in WAL: recovery of every backup present reads WAL from there on at most. */
    private static Optional<BackupCatalog.Backup> oldestByStart(List<BackupCatalog.Backup> backups) {
        return backups.stream().min(Comparator.comparing(backup -> backup.manifest().startLsn()));
    }

    private static long segmentSize(BackupCatalog.Backup backup) {
        return backup.manifest().walSegmentSize();
    }

    private static WalSegment cutSegment(BackupCatalog.Backup backup, long segmentSize) {
        BackupManifest manifest = backup.manifest();
        return WalSegment.containing(manifest.timeline(), manifest.startLsn(), segmentSize);
    }

    /** Forgets in batches, so that WAL stores waiting for the lock get their turn between batches. */
    private void forget(String db, String what, List<String> ids) {
        for (int from = 0; from < ids.size(); from += BATCH) {
            forgetBatch(db, what, ids.subList(from, Math.min(ids.size(), from + BATCH)));
        }
    }

    /** Forgets one batch under the exclusive lock; returns how many snapshots were deleted. */
    private int forgetBatch(String db, String what, List<String> batch) {
        return withLockRetry(db, "forgetting " + what, () -> {
            try {
                return gateway.forget(batch);
            } catch (CairnException e) {
                if (e.code() != ErrorCode.NOT_FOUND) {
                    throw e;
                }
                return gateway.forget(present(batch));
            }
        });
    }

    /** The ids still in the repository: another expire may have removed some since they were listed. */
    private List<String> present(List<String> ids) {
        Set<String> existing = new HashSet<>();
        gateway.allSnapshotIds().forEach(existing::add);
        return ids.stream().filter(existing::contains).toList();
    }

    private Optional<Long> prune(String db, List<String> notes) {
        try {
            return Optional.of(withLockRetry(db, "pruning", gateway::prune));
        } catch (CairnException e) {
            if (e.code() != ErrorCode.LOCKED) {
                throw e;
            }
            notes.add("prune skipped (" + e.getMessage() + "): run `cairn prune` later to free the removed data");
            return Optional.empty();
        }
    }

    private <T> T withLockRetry(String db, String what, Supplier<T> action) {
        Retry retry = Retry.builder("database '" + db + "': expire " + what).attempts(LOCK_ATTEMPTS)
                .backoff(Backoff.doubling(FIRST_LOCK_DELAY, MAX_LOCK_DELAY)).clock(clock).sleeper(sleeper).build();
        try {
            return retry.run(action, e -> e instanceof CairnException cairn && cairn.code() == ErrorCode.LOCKED);
        } catch (CairnException e) {
            if (e.code() != ErrorCode.LOCKED) {
                throw e;
            }
            throw new CairnException(ErrorCode.LOCKED, "database '" + db + "': expire gave up " + what
                    + " after " + LOCK_ATTEMPTS + " attempts (" + e.getMessage() + "); run it again when that"
                    + " operation has finished: what was done so far is consistent", e);
        }
    }

    private static List<PgExpireResult.Backup> entries(List<BackupRetention.Decision> decisions) {
        return decisions.stream().map(d -> {
            BackupManifest manifest = d.backup().manifest();
            return new PgExpireResult.Backup(d.backup().id(), d.backup().snapshot().shortId(), manifest.type(),
                    manifest.stopTime(), manifest.startLsn(), manifest.walStart(), d.reasons());
        }).toList();
    }
}
