package io.cairn.repository.internal.pack;

import io.cairn.repository.internal.crypto.Crypto;
import io.cairn.repository.internal.format.BlobType;
import io.cairn.repository.internal.format.ContentId;
import io.cairn.repository.internal.format.FileKind;
import io.cairn.repository.internal.index.PackRecord;
import io.cairn.repository.storage.Storage;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Groups sealed blobs into packs of about {@code packSize} bytes, one open pack per blob type
 * (data and trees apart, so check and restore can read all trees from few packs).
 *
 * <p>Concurrency: {@link #add} swaps a full builder out under the lock and finishes and stores
 * it outside the lock, on the calling worker thread; so at most one pack per type is filling
 * and at most one per worker is being stored. Crash safety: a pack is stored with
 * {@link Storage#write} (atomic, durable) <em>before</em> {@code onStored} hands its entries
 * to the index writer, so an index never names a pack that is not durable.
 */
public final class PackWriter {
    private final Storage storage;
    private final Crypto crypto;
    private final int packSize;
    private final Consumer<PackRecord> onStored;
    private final Map<BlobType, PackBuilder> open = new EnumMap<>(BlobType.class);

    public PackWriter(Storage storage, Crypto crypto, int packSize, Consumer<PackRecord> onStored) {
        this.storage = storage;
        this.crypto = crypto;
        this.packSize = packSize;
        this.onStored = onStored;
    }

    public void add(BlobType type, ContentId id, byte[] sealed, int rawLength) {
        PackBuilder full = null;
        synchronized (open) {
            PackBuilder builder = open.computeIfAbsent(type, t -> newBuilder());
            builder.add(id, type, sealed, rawLength);
            if (builder.size() >= packSize) {
                full = builder;
                open.remove(type);
            }
        }
        if (full != null) {
            store(full);
        }
    }

    /** Finishes and stores every partly filled pack. Call after all adds completed. */
    public void flush() {
        for (BlobType type : BlobType.values()) {
            PackBuilder builder;
            synchronized (open) {
                builder = open.remove(type);
            }
            if (builder != null && !builder.isEmpty()) {
                store(builder);
            }
        }
    }

    /** Bytes of blobs waiting in open packs. */
    public long pendingBytes() {
        synchronized (open) {
            return open.values().stream().mapToLong(PackBuilder::size).sum();
        }
    }

    private PackBuilder newBuilder() {
        return new PackBuilder(Math.min(packSize + (packSize >> 3), 1 << 20));
    }

    private void store(PackBuilder builder) {
        PackBuilder.FinishedPack pack = builder.finish(crypto);
        storage.write(FileKind.DATA.nameOf(pack.id()), pack.content());
        onStored.accept(new PackRecord(pack.id(), pack.entries()));
    }
}
