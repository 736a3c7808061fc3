package io.cairn.repository.internal.backup;

import io.cairn.repository.internal.index.IndexStore;
import io.cairn.repository.internal.index.PackRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the packs a backup stores and writes them into index files: one every
 * {@link #PACKS_PER_FILE} packs (so a long backup that dies loses little indexing work and
 * memory stays bounded) and one for the rest at the end. Called only after a pack is durable,
 * so an index file never names a missing pack. Thread-safe.
 */
final class IndexWriter {
    static final int PACKS_PER_FILE = 64;

    private final IndexStore store;
    private final List<PackRecord> pending = new ArrayList<>();
    private int filesWritten;

    IndexWriter(IndexStore store) {
        this.store = store;
    }

    synchronized void packStored(PackRecord record) {
        pending.add(record);
        if (pending.size() >= PACKS_PER_FILE) {
            flush();
        }
    }

    /** Writes what is pending, durably. */
    synchronized void flush() {
        if (!pending.isEmpty()) {
            store.write(List.copyOf(pending));
            pending.clear();
            filesWritten++;
        }
    }

    synchronized int filesWritten() {
        return filesWritten;
    }
}
