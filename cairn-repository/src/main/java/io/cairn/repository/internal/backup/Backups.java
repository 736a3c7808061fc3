package io.cairn.repository.internal.backup;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.BackupOptions;
import io.cairn.repository.BackupResult;
import io.cairn.repository.ProgressListener;
import io.cairn.repository.SnapshotFilter;
import io.cairn.repository.internal.ProgressTracker;
import io.cairn.repository.internal.RepositoryContext;
import io.cairn.repository.internal.format.ContentId;
import io.cairn.repository.internal.index.BlobReader;
import io.cairn.repository.internal.lock.LockManager;
import io.cairn.repository.internal.restore.Restorer;
import io.cairn.repository.internal.snapshot.SnapshotStore;
import io.cairn.repository.internal.tree.Node;
import io.cairn.repository.internal.tree.Tree;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The steps of file backups and dumps that the {@code Repository} facade delegates to. */
public final class Backups {
    private static final String FILES = SnapshotFilter.FILES_SOURCE;

    private Backups() {
    }

    public static BackupResult files(RepositoryContext context, LockManager locks, SnapshotStore snapshots,
            List<Path> paths, BackupOptions options, ProgressListener listener) {
        List<Path> absolute = checkedPaths(paths);
        List<String> names = absolute.stream().map(Path::toString).toList();
        LockManager.Lock lock = locks.acquire(false, "backup");
        Optional<ContentId> parentId;
        BackupSession session;
        try {
            parentId = parentId(snapshots, options, FILES, names, context);
            session = new BackupSession(context, FILES, names, options, parentId, listener, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        try (SnapshotWriter writer = new SnapshotWriter(context, session)) {
            BlobReader reader = context.blobReader();
            Optional<ParentTree> parent = parentId.map(id -> new ParentTree(reader, snapshots.read(id).tree()));
            new FileBackup(writer, session, context.chunker(), context.indexStore().index(), parent).run(absolute);
            return writer.commit();
        } catch (IOException e) {
            throw new CairnException(ErrorCode.STORAGE, "backup of " + names + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * A snapshot written entry by entry; its parent (if any) is looked up lazily by
     * {@link SnapshotWriter#addFromParent}, tree by tree, so a builder that never asks reads nothing.
     */
    public static SnapshotWriter snapshotWriter(RepositoryContext context, SnapshotStore snapshots,
            BackupSession session) {
        Optional<ParentTree> parent = session.parent()
                .map(id -> new ParentTree(context.blobReader(), snapshots.read(id).tree()));
        return new SnapshotWriter(context, session, parent);
    }

    /**
     * The snapshot to compare against: the one named in the options, or else the newest one of
     * the same host, source and paths (restic's rule), or none.
     */
    public static Optional<ContentId> parentId(SnapshotStore snapshots, BackupOptions options, String source,
            List<String> paths, RepositoryContext context) {
        if (options.noParent()) {
            return Optional.empty();
        }
        if (options.parent().isPresent()) {
            return Optional.of(snapshots.find(options.parent().get()).id());
        }
        String host = options.host().orElse(context.identity().host());
        List<SnapshotStore.Stored> all = snapshots.list();
        for (int i = all.size() - 1; i >= 0; i--) {
            var file = all.get(i).file();
            if (host.equals(file.host()) && source.equals(file.source()) && paths.equals(file.paths())) {
                return Optional.of(all.get(i).id());
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("try")
    public static long dump(RepositoryContext context, LockManager locks, SnapshotStore snapshots, String snapshot,
            String path, OutputStream out) {
        try (LockManager.Lock ignored = locks.acquire(false, "dump")) {
            SnapshotStore.Stored stored = snapshots.find(snapshot);
            context.indexStore().refresh();
            BlobReader reader = context.blobReader();
            Node node = find(reader, stored.tree(), SnapshotPaths.split(path)).filter(Node::isFile)
                    .orElseThrow(() -> new CairnException(ErrorCode.NOT_FOUND, "snapshot " + stored.id().shortHex()
                            + " has no file " + path));
            return new Restorer(reader, new ProgressTracker("dump", context.clock(), ProgressListener.NONE),
                    context.clock(), 1).copy(node, out);
        } catch (IOException e) {
            throw new CairnException(ErrorCode.STORAGE, "dumping " + path + " of snapshot " + snapshot + " failed: "
                    + e.getMessage(), e);
        }
    }

    private static Optional<Node> find(BlobReader reader, ContentId root, List<String> segments) {
        ContentId tree = root;
        Node found = null;
        for (String segment : segments) {
            if (tree == null) {
                return Optional.empty();
            }
            Tree listing = reader.readTree(tree);
            found = listing.nodes().stream().filter(node -> node.name().equals(segment)).findFirst().orElse(null);
            if (found == null) {
                return Optional.empty();
            }
            tree = found.isDirectory() && found.subtree() != null ? ContentId.parse(found.subtree()) : null;
        }
        return Optional.ofNullable(found);
    }

    private static List<Path> checkedPaths(List<Path> paths) {
        if (paths.isEmpty()) {
            throw new CairnException(ErrorCode.USAGE, "backup needs at least one path");
        }
        List<Path> absolute = new ArrayList<>();
        for (Path path : paths) {
            Path normalized = path.toAbsolutePath().normalize();
            if (!Files.exists(normalized, LinkOption.NOFOLLOW_LINKS)) {
                throw new CairnException(ErrorCode.NOT_FOUND, "backup source " + normalized + " does not exist");
            }
            if (normalized.getNameCount() == 0) {
                throw new CairnException(ErrorCode.USAGE, "backing up / as a whole is not supported; name its directories");
            }
            if (!absolute.contains(normalized)) {
                absolute.add(normalized);
            }
        }
        absolute.sort(null);
        return absolute;
    }
}
