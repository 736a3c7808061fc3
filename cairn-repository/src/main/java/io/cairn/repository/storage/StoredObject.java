package io.cairn.repository.storage;

import java.time.Instant;

/**
 * One object in a storage backend.
 *
 * @param name         path relative to the repository root with '/' separators, e.g. {@code data/ab/ab12…}
 * @param size         bytes
 * @param lastModified when the object was last written, as the backend reports it
 */
public record StoredObject(String name, long size, Instant lastModified) {
}
