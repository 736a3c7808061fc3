package io.cairn.repository.internal.check;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.CheckResult;
import io.cairn.repository.internal.ProgressTracker;
import io.cairn.repository.internal.RepositoryContext;
import io.cairn.repository.internal.crypto.Crypto;
import io.cairn.repository.internal.format.ContentId;
import io.cairn.repository.internal.format.FileKind;
import io.cairn.repository.internal.index.BlobReader;
import io.cairn.repository.internal.index.IndexStore;
import io.cairn.repository.internal.index.MasterIndex;
import io.cairn.repository.internal.index.PackRecord;
import io.cairn.repository.internal.pack.PackEntry;
import io.cairn.repository.internal.snapshot.SnapshotStore;
import io.cairn.repository.internal.tree.Node;
import io.cairn.repository.internal.tree.Tree;
import io.cairn.repository.storage.StoredObject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Verifies a repository: index files readable, every indexed pack present, every blob a
 * snapshot uses indexed; with {@code readData} every pack is read in full, its SHA-256 compared
 * with its name and every blob opened and its id recomputed. Damaged or missing blobs are traced
 * to the snapshots and files that use them. Read-only: it never repairs.
 */
public final class Checker {
    private final RepositoryContext context;
    private final ProgressTracker progress;
    private final Findings findings = new Findings();
    private final Map<ContentId, PackRecord> indexedPacks = new LinkedHashMap<>();
    private final MasterIndex index = new MasterIndex();
    private final Set<ContentId> cleanTrees = new HashSet<>();
    private long bytesRead;

    public Checker(RepositoryContext context, ProgressTracker progress) {
        this.context = context;
        this.progress = progress;
    }

    public CheckResult run(boolean readData) {
        Instant started = context.clock().instant();
        IndexStore.Listing listing = context.indexStore().readAll();
        listing.damaged().forEach(damaged -> findings.error("index", damaged.name(), damaged.message()
                + "; the packs it listed are reported as not indexed; `cairn prune` rebuilds the index"));
        for (IndexStore.IndexFile file : listing.files()) {
            for (PackRecord pack : file.packs()) {
                indexedPacks.putIfAbsent(pack.pack(), pack);
                index.add(pack);
            }
        }
        Map<ContentId, StoredObject> stored = storedPacks();
        checkPackPresence(stored);
        if (readData) {
            readPacks(stored);
        }
        SnapshotStore snapshots = new SnapshotStore(context.storage(), context.files());
        List<ContentId> ids = snapshots.ids();
        BlobReader reader = new BlobReader(context.storage(), context.codec(), index);
        for (ContentId id : ids) {
            checkSnapshot(snapshots, reader, id);
        }
        progress.finish();
        return new CheckResult(readData, ids.size(), listing.files().size() + listing.damaged().size(), stored.size(),
                index.blobCount(), bytesRead, findings.errors(), findings.warnings(),
                Duration.between(started, context.clock().instant()));
    }

    private Map<ContentId, StoredObject> storedPacks() {
        Map<ContentId, StoredObject> packs = new HashMap<>();
        for (StoredObject object : context.storage().list(FileKind.DATA.directory())) {
            var hex = FileKind.DATA.idOf(object.name());
            if (hex.isPresent()) {
                packs.put(ContentId.parse(hex.get()), object);
            } else {
                findings.warning("pack", object.name(), "not a pack name; ignored by Cairn");
            }
        }
        return packs;
    }

    private void checkPackPresence(Map<ContentId, StoredObject> stored) {
        for (PackRecord pack : indexedPacks.values()) {
            String name = FileKind.DATA.nameOf(pack.pack());
            StoredObject object = stored.get(pack.pack());
            if (object == null) {
                findings.damagedBlobs(ids(pack.entries()), "pack", name, "pack is missing but the index lists "
                        + pack.entries().size() + " blob(s) in it");
            } else if (end(pack.entries()) > object.size()) {
                findings.damagedBlobs(ids(pack.entries()), "pack", name, "pack is shorter (" + object.size()
                        + " bytes) than its index entries need (" + end(pack.entries()) + ")");
            }
        }
        for (Map.Entry<ContentId, StoredObject> entry : stored.entrySet()) {
            if (!indexedPacks.containsKey(entry.getKey())) {
                findings.warning("pack", entry.getValue().name(), "pack is in no index (left by an interrupted backup"
                        + " or prune); the next backup reuses it, prune removes it once unused and older than the grace period");
            }
        }
    }

    /**
     * Reads and verifies every pack on {@code workers} threads. Memory: at most {@code workers}
     * packs are verified at once (each read whole), plus one finished outcome per pack waiting
     * for its turn: outcomes are applied in listing order, so the findings do not depend on
     * scheduling.
     */
    private void readPacks(Map<ContentId, StoredObject> stored) {
        progress.totals(stored.size(), stored.values().stream().mapToLong(StoredObject::size).sum());
        PackVerifier verifier = new PackVerifier(context, findings);
        ExecutorService executor = Executors.newFixedThreadPool(context.options().workers(), runnable -> {
            Thread thread = new Thread(runnable, "cairn-check");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<PackVerifier.Outcome>> outcomes = new ArrayList<>();
            for (StoredObject object : stored.values()) {
                ContentId id = ContentId.parse(FileKind.DATA.idOf(object.name()).orElseThrow());
                outcomes.add(executor.submit(() -> {
                    progress.item(object.name());
                    PackVerifier.Outcome outcome = verifier.verify(id, object, indexedPacks.get(id));
                    progress.bytes(object.size());
                    progress.fileDone();
                    return outcome;
                }));
            }
            for (Future<PackVerifier.Outcome> outcome : outcomes) {
                PackVerifier.Outcome done = outcome.get();
                bytesRead += done.bytesRead();
                verifier.apply(done);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CairnException cairn) {
                throw new CairnException(cairn.code(), cairn.getMessage(), cairn);
            }
            throw new CairnException(ErrorCode.INTERNAL, "repository " + context.describe() + ": check failed: "
                    + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CairnException(ErrorCode.INTERRUPTED, "repository " + context.describe() + ": check interrupted", e);
        } finally {
            executor.shutdownNow();
        }
        verifier.report();
    }

    private void checkSnapshot(SnapshotStore snapshots, BlobReader reader, ContentId id) {
        SnapshotStore.Stored snapshot;
        try {
            snapshot = snapshots.read(id);
        } catch (CairnException e) {
            if (e.code() != ErrorCode.INTEGRITY) {
                throw e;
            }
            findings.snapshotError("snapshot", FileKind.SNAPSHOT.nameOf(id), e.getMessage(), id.shortHex(), null);
            return;
        }
        walk(reader, snapshot.tree(), "", id.shortHex());
    }

    /** Walks a tree; returns true when it and everything below it is intact (then it is not walked again). */
    private boolean walk(BlobReader reader, ContentId treeId, String path, String snapshot) {
        if (cleanTrees.contains(treeId)) {
            return true;
        }
        if (!index.contains(treeId) || findings.isDamaged(treeId)) {
            String reason = index.contains(treeId) ? "is damaged" : "is in no index";
            findings.snapshotError("tree", "tree " + treeId.shortHex(), "directory " + (path.isEmpty() ? "/" : path)
                    + ": its listing " + reason + "; everything below it is lost in this snapshot", snapshot, path);
            return false;
        }
        Tree tree;
        try {
            tree = reader.readTree(treeId);
        } catch (CairnException e) {
            if (e.code() != ErrorCode.INTEGRITY && e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            findings.snapshotError("tree", "tree " + treeId.shortHex(), e.getMessage(), snapshot, path);
            return false;
        }
        boolean clean = true;
        for (Node node : tree.nodes()) {
            String child = path + "/" + node.name();
            if (node.isDirectory() && node.subtree() != null) {
                clean &= walk(reader, ContentId.parse(node.subtree()), child, snapshot);
            } else if (node.isFile() && node.content() != null) {
                clean &= checkContent(node, child, snapshot);
            }
        }
        if (clean) {
            cleanTrees.add(treeId);
        }
        return clean;
    }

    private boolean checkContent(Node node, String path, String snapshot) {
        boolean clean = true;
        for (String hex : node.content()) {
            ContentId blob = ContentId.parse(hex);
            if (!index.contains(blob)) {
                findings.missing(blob);
            }
            if (findings.isDamaged(blob)) {
                findings.affected(blob, snapshot, path);
                clean = false;
            }
        }
        return clean;
    }

    static List<ContentId> ids(List<PackEntry> entries) {
        List<ContentId> ids = new ArrayList<>(entries.size());
        entries.forEach(entry -> ids.add(entry.id()));
        return ids;
    }

    private static long end(List<PackEntry> entries) {
        long end = 0;
        for (PackEntry entry : entries) {
            end = Math.max(end, (long) entry.offset() + entry.length());
        }
        return end + Crypto.OVERHEAD + 8 + 4;
    }
}
