package io.cairn.repository;

/**
 * Decides where a stream is cut into blobs. Implementations are stateless and thread-safe.
 * Two exist: the repository's content-defined chunker ({@link Repository#contentDefinedChunker()},
 * FastCDC seeded by the repository's secret) for dumps and ordinary files, where inserted bytes
 * shift everything after them; and {@link FixedChunker} for files whose pages change in place
 * (PostgreSQL relation files), where aligned fixed cuts dedup unchanged pages exactly.
 */
public interface Chunker {

    /**
     * The length of the chunk that starts at {@code data[offset]}. The caller passes
     * {@code length >= maxSize()} bytes unless the stream ends sooner, and the result is in
     * {@code 1..min(length, maxSize())}.
     */
    int cut(byte[] data, int offset, int length);

    /** The largest chunk this chunker returns. */
    int maxSize();

    /** A short description stored in snapshots, e.g. {@code fastcdc 512KiB/1MiB/8MiB}. */
    String describe();
}
