package io.cairn.repository.internal.pack;

import io.cairn.repository.internal.crypto.Crypto;
import io.cairn.repository.internal.format.BlobType;
import io.cairn.repository.internal.format.ContentId;
import io.cairn.repository.internal.format.FileKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Accumulates sealed blobs for one pack in memory. Not thread-safe: its owner
 * ({@link PackWriter}) guards it. Memory: one array that grows to the pack's final size.
 */
final class PackBuilder {
    private byte[] data;
    private int size;
    private final List<PackEntry> entries = new ArrayList<>();

    PackBuilder(int initialCapacity) {
        this.data = new byte[initialCapacity];
    }

    void add(ContentId id, BlobType type, byte[] sealed, int rawLength) {
        if (size + sealed.length > data.length) {
            data = Arrays.copyOf(data, Math.max(size + sealed.length, data.length + (data.length >> 1)));
        }
        System.arraycopy(sealed, 0, data, size, sealed.length);
        entries.add(new PackEntry(id, type, size, sealed.length, rawLength));
        size += sealed.length;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Appends the sealed header and trailer; returns the finished pack and its entries. */
    FinishedPack finish(Crypto crypto) {
        byte[] header = PackFormat.encodeHeader(entries);
        byte[] sealedHeader = crypto.seal(header, 0, header.length, FileKind.DATA.associatedData());
        byte[] pack = Arrays.copyOf(data, size + sealedHeader.length + PackFormat.TRAILER_LENGTH);
        System.arraycopy(sealedHeader, 0, pack, size, sealedHeader.length);
        int length = sealedHeader.length;
        int trailer = size + sealedHeader.length;
        pack[trailer] = (byte) length;
        pack[trailer + 1] = (byte) (length >>> 8);
        pack[trailer + 2] = (byte) (length >>> 16);
        pack[trailer + 3] = (byte) (length >>> 24);
        data = null;
        return new FinishedPack(Crypto.fileId(pack), pack, List.copyOf(entries));
    }

    /** A pack ready to store: its id is the SHA-256 of {@code content}. */
    record FinishedPack(ContentId id, byte[] content, List<PackEntry> entries) {
    }
}
