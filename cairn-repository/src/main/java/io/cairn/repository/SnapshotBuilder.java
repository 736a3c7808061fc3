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

    void addDirectory(String path, FileMetadata metadata);

    void addSymlink(String path, String target, FileMetadata metadata);

    /** Makes the snapshot durable and visible; the builder cannot be used afterwards. */
    BackupResult commit();

    /** Abandons the snapshot if it was not committed. */
    @Override
    void close();
}
