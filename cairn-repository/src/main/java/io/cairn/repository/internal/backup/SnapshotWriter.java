package io.cairn.repository.internal.backup;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.BackupResult;
import io.cairn.repository.Chunker;
import io.cairn.repository.FileMetadata;
import io.cairn.repository.SnapshotBuilder;
import io.cairn.repository.internal.ProgressTracker;
import io.cairn.repository.internal.RepositoryContext;
import io.cairn.repository.internal.chunk.ChunkReader;
import io.cairn.repository.internal.format.BlobType;
import io.cairn.repository.internal.format.ContentId;
import io.cairn.repository.internal.format.FileKind;
import io.cairn.repository.internal.format.Json;
import io.cairn.repository.internal.snapshot.SnapshotFile;
import io.cairn.repository.internal.tree.Node;
import io.cairn.repository.internal.tree.Tree;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Writes one snapshot. Crash-safe order of writes, each durable before the next starts:
 * <ol>
 *   <li>content blobs, in packs (written atomically by the pack writer as they fill);</li>
 *   <li>tree blobs, deepest directory first, in packs; then every partly filled pack;</li>
 *   <li>index files naming those packs (some may be written earlier, always after their packs);</li>
 *   <li>the snapshot file, last.</li>
 * </ol>
 * A crash before step 4 leaves packs (maybe indexed, maybe not) that no snapshot references:
 * the next backup adopts index-less packs and dedups against them; prune removes what stays
 * unused. A visible snapshot therefore always refers to durable, indexed data.
 */
public final class SnapshotWriter implements SnapshotBuilder {
    private final RepositoryContext context;
    private final BackupSession session;
    private final PendingDirectory root;
    private final Instant started;
    private final Optional<ParentTree> parent;
    private boolean finished;
    private byte[] readBuffer = new byte[0];

    public SnapshotWriter(RepositoryContext context, BackupSession session) {
        this(context, session, Optional.empty());
    }

    /** {@code parent}: the parent snapshot's tree, for {@link #addFromParent}. */
    SnapshotWriter(RepositoryContext context, BackupSession session, Optional<ParentTree> parent) {
        this.context = context;
        this.session = session;
        this.parent = parent;
        this.started = context.clock().instant();
        this.root = new PendingDirectory(directoryNode("", FileMetadata.of(0755, started)));
    }

    @Override
    public long addFile(String path, FileMetadata metadata, InputStream content, Chunker chunker) {
        List<String> segments = SnapshotPaths.split(path);
        Node node = new Node(last(segments, path), Node.FILE, metadata.mode(), metadata.mtime(), null, null,
                metadata.uid().orElse(null), metadata.gid().orElse(null), null, null, 0L, null, null, null);
        try {
            long size = addFile(segments, node, content, chunker);
            session.counters().filesNew.increment();
            return size;
        } catch (IOException e) {
            throw new CairnException(ErrorCode.STORAGE, "repository " + context.describe() + ": reading " + path
                    + " for the snapshot failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean addFromParent(String path, long size, FileMetadata metadata) {
        ensureOpen();
        List<String> segments = SnapshotPaths.split(path);
        String name = last(segments, path);
        Optional<Node> previous = parent.flatMap(tree -> tree.find(segments));
        if (previous.isEmpty() || !ParentTree.sameSizeAndTime(previous.get(), size, metadata.mtime())
                || !ParentTree.allIndexed(previous.get(), context.indexStore().index())) {
            return false;
        }
        Node node = new Node(name, Node.FILE, metadata.mode(), metadata.mtime(), null, null,
                metadata.uid().orElse(null), metadata.gid().orElse(null), null, null, size, null, null, null);
        addUnchangedFile(segments, node, previous.get().content());
        session.counters().filesUnchanged.increment();
        return true;
    }

    @Override
    public void addDirectory(String path, FileMetadata metadata) {
        List<String> segments = SnapshotPaths.split(path);
        addNode(segments, directoryNode(last(segments, path), metadata));
    }

    @Override
    public void addSymlink(String path, String target, FileMetadata metadata) {
        List<String> segments = SnapshotPaths.split(path);
        addNode(segments, new Node(last(segments, path), Node.SYMLINK, metadata.mode(), metadata.mtime(), null, null,
                metadata.uid().orElse(null), metadata.gid().orElse(null), null, null, null, null, null, target));
    }

    /** Reads and chunks a file's content; the node carries all metadata but the content. */
    long addFile(List<String> segments, Node node, InputStream content, Chunker chunker) throws IOException {
        ensureOpen();
        PendingDirectory parent = parentOf(segments, node.name());
        if (readBuffer.length < ChunkReader.bufferSize(chunker)) {
            readBuffer = new byte[ChunkReader.bufferSize(chunker)];
        }
        ChunkReader reader = new ChunkReader(content, chunker, readBuffer);
        List<CompletableFuture<ContentId>> chunks = new ArrayList<>();
        long size = 0;
        for (Optional<byte[]> chunk = reader.next(); chunk.isPresent(); chunk = reader.next()) {
            byte[] bytes = chunk.get();
            size += bytes.length;
            chunks.add(session.pipeline().submit(BlobType.DATA, bytes));
            session.counters().bytesRead.add(bytes.length);
            session.progress().bytes(bytes.length);
        }
        parent.addFile(node.withContent(null, size), chunks);
        countFile(size);
        return size;
    }

    /**
     * Adds a file whose content ids are known (unchanged since the parent snapshot), kept as the
     * parent's hex strings: nothing to wait for, parse or format again.
     */
    void addUnchangedFile(List<String> segments, Node node, List<String> content) {
        ensureOpen();
        PendingDirectory parent = parentOf(segments, node.name());
        parent.addFile(node.withContent(List.copyOf(content), node.size()), null);
        countFile(node.size());
        session.progress().bytes(node.size());
    }

    /** Adds a directory, symlink or special node (no content). */
    void addNode(List<String> segments, Node node) {
        ensureOpen();
        if (node.isDirectory()) {
            PendingDirectory parent = parentOf(segments, node.name());
            PendingDirectory existing = parent.directory(node.name());
            if (existing != null) {
                existing.update(node);
            } else {
                parent.addDirectory(node);
                session.counters().directories.increment();
            }
            return;
        }
        parentOf(segments, node.name()).addFile(node, List.of());
    }

    @Override
    public BackupResult commit() {
        ensureOpen();
        try {
            ContentId tree = writeTree(root);
            session.pipeline().flush();
            session.indexWriter().flush();
            Instant now = context.clock().instant();
            BackupCounters counters = session.counters();
            SnapshotFile file = new SnapshotFile(SnapshotFile.VERSION, started, session.host(),
                    context.identity().user(), session.options().tags(), session.paths(), session.source(),
                    session.parent().map(ContentId::hex).orElse(null), tree.hex(),
                    new SnapshotFile.Summary(counters.files.sum(), counters.directories.sum(), counters.bytes.sum(),
                            counters.dataAdded.sum(), counters.dataAddedStored.sum(), counters.blobsAdded.sum(),
                            Duration.between(started, now).toMillis()));
            ContentId id = context.files().write(FileKind.SNAPSHOT, Json.write(file));
            session.progress().finish();
            return result(id, Duration.between(started, now));
        } finally {
            finished = true;
            session.close();
        }
    }

    @Override
    public void close() {
        if (!finished) {
            finished = true;
            session.close();
        }
    }

    /** Warnings for entries that could not be read (added by the file walker). */
    void warn(String message) {
        session.warnings().add(message);
    }

    private BackupResult result(ContentId id, Duration duration) {
        BackupCounters counters = session.counters();
        return new BackupResult(id.hex(), id.shortHex(), session.paths(), counters.files.sum(),
                counters.directories.sum(), counters.filesNew.sum(), counters.filesChanged.sum(),
                counters.filesUnchanged.sum(), counters.bytesRead.sum(), counters.bytes.sum(),
                counters.dataAdded.sum(), counters.dataAddedStored.sum(), counters.blobsAdded.sum(),
                session.packsAdopted(), duration, List.copyOf(session.warnings()));
    }

    private ContentId writeTree(PendingDirectory directory) {
        List<Node> nodes = new ArrayList<>();
        for (String name : directory.names()) {
            PendingDirectory child = directory.directories().get(name);
            if (child != null) {
                nodes.add(child.node().withSubtree(writeTree(child).hex()));
                continue;
            }
            PendingDirectory.PendingFile file = directory.files().get(name);
            if (file.node().isFile() && file.chunks() != null) {
                nodes.add(file.node().withContent(join(file.chunks()), file.node().size()));
            } else {
                nodes.add(file.node());
            }
        }
        byte[] bytes = Json.write(new Tree(nodes));
        ContentId id = session.pipeline().contentId(bytes);
        session.pipeline().submit(BlobType.TREE, id, bytes);
        return id;
    }

    private static List<String> join(List<CompletableFuture<ContentId>> chunks) {
        List<String> ids = new ArrayList<>(chunks.size());
        for (CompletableFuture<ContentId> chunk : chunks) {
            try {
                ids.add(chunk.join().hex());
            } catch (CompletionException e) {
                if (e.getCause() instanceof CairnException cairn) {
                    throw new CairnException(cairn.code(), cairn.getMessage(), cairn);
                }
                throw new CairnException(ErrorCode.INTERNAL, "storing a chunk failed: " + e.getCause(), e.getCause());
            }
        }
        return ids;
    }

    private void countFile(long size) {
        session.counters().files.increment();
        session.counters().bytes.add(size);
        session.progress().fileDone();
    }

    /** The directory that holds the last segment, creating missing ones; rejects duplicates. */
    private PendingDirectory parentOf(List<String> segments, String name) {
        PendingDirectory directory = root;
        for (String segment : segments.subList(0, segments.size() - 1)) {
            PendingDirectory next = directory.directory(segment);
            if (next == null) {
                if (directory.contains(segment)) {
                    throw new CairnException(ErrorCode.USAGE, "snapshot path " + SnapshotPaths.join(segments)
                            + ": '" + segment + "' is already a file");
                }
                next = directory.addDirectory(directoryNode(segment, FileMetadata.of(0755, started)));
                session.counters().directories.increment();
            }
            directory = next;
        }
        if (directory.contains(name) && directory.directory(name) == null) {
            throw new CairnException(ErrorCode.USAGE, "snapshot path " + SnapshotPaths.join(segments) + " was added twice");
        }
        return directory;
    }

    private Node directoryNode(String name, FileMetadata metadata) {
        return new Node(name, Node.DIRECTORY, metadata.mode(), metadata.mtime(), null, null,
                metadata.uid().orElse(null), metadata.gid().orElse(null), null, null, null, null, null, null);
    }

    private static String last(List<String> segments, String path) {
        if (segments.isEmpty()) {
            throw new CairnException(ErrorCode.USAGE, "snapshot path '" + path + "' names no entry");
        }
        return segments.get(segments.size() - 1);
    }

    private void ensureOpen() {
        if (finished) {
            throw new IllegalStateException("this snapshot builder was already committed or closed");
        }
    }
}
