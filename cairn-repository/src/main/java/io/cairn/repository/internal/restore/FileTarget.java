package io.cairn.repository.internal.restore;

import io.cairn.repository.internal.tree.Node;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One file being restored, written blob by blob at the blobs' offsets, in whatever order the
 * packs deliver them and from several threads. The first write creates (or truncates) the file,
 * replacing a symlink of the same name; later writes only open it. The file is complete when
 * its last blob is written: only then may its mode and mtime be set, since any write would
 * change the mtime again.
 *
 * <p>Crash or failure behaviour is that of an in-place restore: a file may be left partly
 * written (holes where blobs were still missing); its metadata is set only once it is whole.
 */
final class FileTarget {
    private final Path path;
    private final String snapshotPath;
    private final Node node;
    private final AtomicInteger pendingWrites;
    /** Guarded by {@code this}: whether the file was created (truncated) by this restore. */
    private boolean created;

    FileTarget(Path path, String snapshotPath, Node node) {
        this.path = path;
        this.snapshotPath = snapshotPath;
        this.node = node;
        this.pendingWrites = new AtomicInteger(content(node).size());
    }

    /** A file node's blob ids (none for an empty file). */
    static List<String> content(Node node) {
        return node.content() == null ? List.of() : node.content();
    }

    Path path() {
        return path;
    }

    String snapshotPath() {
        return snapshotPath;
    }

    Node node() {
        return node;
    }

    boolean isEmpty() {
        return content(node).isEmpty();
    }

    /** Creates the empty file (for files without content). */
    void createEmpty() throws IOException {
        synchronized (this) {
            create().close();
        }
    }

    /**
     * Writes one blob (the buffer's remaining bytes, consumed) at {@code offset}; true when this
     * was the file's last missing blob.
     */
    boolean write(long offset, ByteBuffer buffer) throws IOException {
        try (FileChannel channel = open()) {
            long position = offset;
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
        }
        return pendingWrites.decrementAndGet() == 0;
    }

    /**
     * The creating open runs under the lock, so no other thread writes a blob before the
     * truncation that would erase it.
     */
    private FileChannel open() throws IOException {
        synchronized (this) {
            if (!created) {
                return create();
            }
        }
        return FileChannel.open(path, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    }

    private FileChannel create() throws IOException {
        created = true;
        if (Files.isSymbolicLink(path)) {
            Files.delete(path);
        }
        return FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
    }
}
