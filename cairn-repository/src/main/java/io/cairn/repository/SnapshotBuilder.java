package io.cairn.repository;

import java.io.InputStream;

/**
 * Writes one snapshot entry by entry, each file with the chunker that suits it (e.g. FastCDC
 * for a dump, {@link FixedChunker} for PostgreSQL relation files). Paths are relative to the
 * snapshot root with '/' separators; missing parent directories are created with mode 0755.
 *
 * <p>Nothing is visible until {@link #commit()}: content goes to packs as it is added (in
 * parallel, with bounded memory), and commit writes trees, then the index, then the snapshot.
 * {@link #close()} without commit abandons the snapshot; the packs already written stay and are
 * reused by the next backup or removed by prune. Not thread-safe: add entries from one thread.
 */
public interface SnapshotBuilder extends AutoCloseable {

    /** Reads {@code content} to its end (the caller closes it) and returns the bytes read. */
    long addFile(String path, FileMetadata metadata, InputStream content, Chunker chunker);

    /**
     * Adds the file at {@code path} with the content the parent snapshot holds there, without
     * reading anything, when the parent has a regular file at that path whose size equals
     * {@code size} and whose modification time equals {@code metadata.mtime()} exactly, and whose
     * content is still in the repository's index. The entry gets {@code metadata} (mode, owner)
     * and counts as unchanged in {@link BackupResult#filesUnchanged()}. Returns false and adds
     * nothing otherwise, and always when the builder has no parent; the caller then adds the file
     * with {@link #addFile}.
     *
     * <p>The parent is the snapshot named by {@link BackupOptions#withParent(String)}, or else
     * the newest one of the same host, source and paths; none with {@link BackupOptions#withNoParent()}.
     * Equal size and mtime are all that is compared (no ctime or inode): the caller decides
     * whether they prove the content unchanged (e.g. only for files last written well before
     * the parent was taken).
     */
    boolean addFromParent(String path, long size, FileMetadata metadata);

    void addDirectory(String path, FileMetadata metadata);

    void addSymlink(String path, String target, FileMetadata metadata);

    /** Makes the snapshot durable and visible; the builder cannot be used afterwards. */
    BackupResult commit();

    /** Abandons the snapshot if it was not committed. */
    @Override
    void close();
}
