package io.cairn.repository.internal.prune;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.PruneOptions;
import io.cairn.repository.PruneResult;
import io.cairn.repository.internal.ProgressTracker;
import io.cairn.repository.internal.RepositoryContext;
import io.cairn.repository.internal.format.ContentId;
import io.cairn.repository.internal.format.FileKind;
import io.cairn.repository.internal.index.BlobReader;
import io.cairn.repository.internal.index.IndexStore;
import io.cairn.repository.internal.index.MasterIndex;
import io.cairn.repository.internal.index.PackRecord;
import io.cairn.repository.internal.pack.PackEntry;
import io.cairn.repository.internal.pack.PackHeaders;
import io.cairn.repository.internal.pack.PackWriter;
import io.cairn.repository.internal.snapshot.SnapshotStore;
import io.cairn.repository.internal.tree.Node;
import io.cairn.repository.internal.tree.Tree;
import io.cairn.repository.storage.StoredObject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mark and sweep, run under the exclusive lock. Crash-safe order of writes:
 * <ol>
 *   <li>repacked packs written (durable) — a crash leaves unindexed duplicates, harmless;</li>
 *   <li>new index files written, covering every kept and new pack — old and new index now both valid;</li>
 *   <li>old index files deleted — the new ones alone describe every kept pack;</li>
 *   <li>unused and repacked packs deleted — no index names them any more.</li>
 * </ol>
 * At no point does a snapshot reference a blob that is in no durable pack, whatever step a
 * kill interrupts; the next prune finishes the job. Snapshots are never touched.
 */
public final class Pruner {
    private static final int PACKS_PER_INDEX_FILE = 1000;

    private final RepositoryContext context;
    private final ProgressTracker progress;

    public Pruner(RepositoryContext context, ProgressTracker progress) {
        this.context = context;
        this.progress = progress;
    }

    public PruneResult run(PruneOptions options) {
        Instant started = context.clock().instant();
        IndexStore.Listing listing = context.indexStore().readAll();
        Map<ContentId, PackRecord> indexed = new HashMap<>();
        listing.files().forEach(file -> file.packs().forEach(pack -> indexed.putIfAbsent(pack.pack(), pack)));
        Instant graceLimit = started.minus(options.orphanGrace());
        List<PackUsage> packs = loadPacks(indexed, graceLimit);
        MasterIndex all = new MasterIndex();
        packs.forEach(pack -> all.add(new PackRecord(pack.id, pack.entries)));
        SnapshotStore snapshots = new SnapshotStore(context.storage(), context.files());
        List<ContentId> snapshotIds = snapshots.ids();
        Set<ContentId> used = mark(snapshots, snapshotIds, new BlobReader(context.storage(), context.codec(), all), all);
        PrunePlan.decide(packs, used, options.maxUnused());
        boolean changes = packs.stream().anyMatch(pack -> pack.fate == PackUsage.Fate.DELETE
                || pack.fate == PackUsage.Fate.REPACK || pack.fate == PackUsage.Fate.KEEP && !pack.indexed)
                || !listing.damaged().isEmpty();
        Totals totals = new Totals();
        if (!options.dryRun() && changes) {
            sweep(packs, listing, totals);
        }
        if (!options.dryRun()) {
            totals.leftovers = context.storage().removeLeftovers(graceLimit);
        }
        progress.finish();
        return result(options, packs, used, snapshotIds.size(), totals, Duration.between(started, context.clock().instant()));
    }

    /** Counters of what the sweep actually wrote and deleted. */
    private static final class Totals {
        int packsWritten;
        long bytesWritten;
        int indexFilesWritten;
        int indexFilesDeleted;
        int leftovers;
    }

    private List<PackUsage> loadPacks(Map<ContentId, PackRecord> indexed, Instant graceLimit) {
        List<PackUsage> packs = new ArrayList<>();
        for (StoredObject object : context.storage().list(FileKind.DATA.directory())) {
            var hex = FileKind.DATA.idOf(object.name());
            if (hex.isEmpty()) {
                continue;
            }
            ContentId id = ContentId.parse(hex.get());
            PackRecord record = indexed.get(id);
            boolean young = object.lastModified().isAfter(graceLimit);
            if (record != null) {
                packs.add(new PackUsage(id, object, record.entries(), true, false));
                continue;
            }
            List<PackEntry> entries;
            try {
                entries = PackHeaders.read(context.storage(), context.crypto(), object).entries();
            } catch (CairnException e) {
                if (e.code() != ErrorCode.INTEGRITY) {
                    throw e;
                }
                entries = List.of();
            }
            packs.add(new PackUsage(id, object, entries, false, young));
        }
        return packs;
    }

    /** Every blob a snapshot uses; aborts on anything unreadable, since then "unused" cannot be known. */
    private Set<ContentId> mark(SnapshotStore snapshots, List<ContentId> ids, BlobReader reader, MasterIndex all) {
        Set<ContentId> used = new HashSet<>();
        for (ContentId id : ids) {
            SnapshotStore.Stored snapshot;
            try {
                snapshot = snapshots.read(id);
            } catch (CairnException e) {
                throw refuse(e.getMessage());
            }
            markTree(snapshot.tree(), reader, all, used, id);
        }
        return used;
    }

    private void markTree(ContentId treeId, BlobReader reader, MasterIndex all, Set<ContentId> used, ContentId snapshot) {
        if (!used.add(treeId)) {
            return;
        }
        Tree tree;
        try {
            tree = reader.readTree(treeId);
        } catch (CairnException e) {
            throw refuse("snapshot " + snapshot.shortHex() + ": " + e.getMessage());
        }
        for (Node node : tree.nodes()) {
            if (node.isDirectory() && node.subtree() != null) {
                markTree(ContentId.parse(node.subtree()), reader, all, used, snapshot);
            } else if (node.isFile() && node.content() != null) {
                for (String hex : node.content()) {
                    ContentId blob = ContentId.parse(hex);
                    if (!all.contains(blob)) {
                        throw refuse("snapshot " + snapshot.shortHex() + " uses blob " + blob.shortHex()
                                + " that is in no pack");
                    }
                    used.add(blob);
                }
            }
        }
    }

    private void sweep(List<PackUsage> packs, IndexStore.Listing listing, Totals totals) {
        List<PackRecord> newPacks = Collections.synchronizedList(new ArrayList<>());
        PackWriter writer = new PackWriter(context.storage(), context.crypto(), context.config().packSize(), newPacks::add);
        Repacker repacker = new Repacker(context, writer, progress);
        for (PackUsage pack : packs) {
            if (pack.fate == PackUsage.Fate.REPACK) {
                repacker.copyUsedBlobs(pack);
            }
        }
        writer.flush();
        totals.packsWritten = newPacks.size();
        newPacks.forEach(record -> totals.bytesWritten += record.blobBytes());
        List<PackRecord> keep = new ArrayList<>(newPacks);
        for (PackUsage pack : packs) {
            if (pack.fate == PackUsage.Fate.KEEP) {
                keep.add(new PackRecord(pack.id, pack.entries));
            }
        }
        for (int start = 0; start < keep.size(); start += PACKS_PER_INDEX_FILE) {
            context.indexStore().write(keep.subList(start, Math.min(keep.size(), start + PACKS_PER_INDEX_FILE)));
            totals.indexFilesWritten++;
        }
        for (IndexStore.IndexFile old : listing.files()) {
            context.storage().delete(FileKind.INDEX.nameOf(old.id()));
            totals.indexFilesDeleted++;
        }
        for (IndexStore.Damaged damaged : listing.damaged()) {
            context.storage().delete(damaged.name());
            totals.indexFilesDeleted++;
        }
        for (PackUsage pack : packs) {
            if (pack.fate == PackUsage.Fate.DELETE || pack.fate == PackUsage.Fate.REPACK) {
                context.storage().delete(pack.object.name());
            }
        }
    }

    private PruneResult result(PruneOptions options, List<PackUsage> packs, Set<ContentId> used, int snapshots,
            Totals totals, Duration duration) {
        int deleted = 0;
        int repacked = 0;
        int untouched = 0;
        int adopted = 0;
        long blobsRemoved = 0;
        long freed = -totals.bytesWritten;
        for (PackUsage pack : packs) {
            switch (pack.fate) {
                case DELETE -> {
                    deleted++;
                    freed += pack.object.size();
                    blobsRemoved += pack.entries.size();
                }
                case REPACK -> {
                    deleted++;
                    repacked++;
                    freed += pack.object.size();
                    blobsRemoved += pack.entries.size() - pack.used.size();
                }
                case UNTOUCHED -> untouched++;
                case KEEP -> adopted += pack.indexed ? 0 : 1;
            }
        }
        return new PruneResult(options.dryRun(), snapshots, packs.size(), deleted, repacked, totals.packsWritten,
                untouched, adopted, used.size(), blobsRemoved, Math.max(0, freed), totals.indexFilesWritten,
                totals.indexFilesDeleted, totals.leftovers, duration);
    }

    private CairnException refuse(String reason) {
        return new CairnException(ErrorCode.INTEGRITY, "repository " + context.describe() + ": prune refused, "
                + reason + "; run `cairn check --read-data` and forget the damaged snapshots first");
    }
}
