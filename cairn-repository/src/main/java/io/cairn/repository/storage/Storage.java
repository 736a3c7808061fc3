package io.cairn.repository.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a repository's files live: a small, object-store-shaped interface so that a local
 * directory and S3 look alike. Names are relative paths with '/' separators
 * ({@code config}, {@code keys/<id>}, {@code data/ab/<id>}, …).
 *
 * <p>Contract every implementation keeps:
 * <ul>
 *   <li>{@link #write} is atomic and durable: when it returns, readers see either nothing or the
 *       whole content, and the content survives a crash or power loss.</li>
 *   <li>A failure is a {@link io.cairn.core.CairnException} with code STORAGE (I/O, network) or
 *       NOT_FOUND (reading a missing name), naming {@link #describe()} and the object.</li>
 *   <li>Implementations are thread-safe; the repository calls them from several threads.</li>
 * </ul>
 */
public interface Storage extends AutoCloseable {

    /** Where this is, for messages: {@code /backups/main} or {@code s3://bucket/prefix}. */
    String describe();

    /** Every object whose name starts with {@code prefix} (e.g. {@code "data/"}), in no set order. */
    List<StoredObject> list(String prefix);

    /** The whole object. */
    byte[] read(String name);

    /** {@code length} bytes from {@code offset}; fewer only when the object is shorter. */
    byte[] read(String name, long offset, int length);

    /**
     * Reads {@code length} bytes from {@code offset} into {@code into[0..length)}, like
     * {@link #read(String, long, int)} but into the caller's buffer, so a reader of many ranges
     * (restore) can reuse one; returns how many bytes were read (fewer only when the object is
     * shorter).
     */
    default int readInto(String name, long offset, int length, byte[] into) {
        byte[] bytes = read(name, offset, length);
        System.arraycopy(bytes, 0, into, 0, bytes.length);
        return bytes.length;
    }

    /** Creates or replaces an object, atomically and durably. */
    void write(String name, byte[] content);

    /** Removes an object; returns false when it did not exist. */
    boolean delete(String name);

    default boolean exists(String name) {
        return stat(name).isPresent();
    }

    Optional<StoredObject> stat(String name);

    /**
     * Removes leftovers of interrupted writes older than {@code olderThan} (temporary files,
     * unfinished uploads). Called by prune under the exclusive lock.
     *
     * @return how many leftovers were removed
     */
    default int removeLeftovers(Instant olderThan) {
        return 0;
    }

    @Override
    default void close() {
    }
}
