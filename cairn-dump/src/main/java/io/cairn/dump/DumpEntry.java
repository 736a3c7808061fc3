package io.cairn.dump;

/**
 * One file of a dump inside its snapshot.
 *
 * @param name   path in the snapshot, e.g. {@code dump/shop.pgdump} (restore the snapshot to get the files)
 * @param bytes  its size
 * @param sha256 SHA-256 of its content, hex
 */
public record DumpEntry(String name, long bytes, String sha256) {
}
