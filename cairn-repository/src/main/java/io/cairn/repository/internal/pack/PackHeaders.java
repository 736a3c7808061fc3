package io.cairn.repository.internal.pack;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.internal.crypto.Crypto;
import io.cairn.repository.internal.format.ContentId;
import io.cairn.repository.internal.format.FileKind;
import io.cairn.repository.internal.index.PackRecord;
import io.cairn.repository.storage.Storage;
import io.cairn.repository.storage.StoredObject;

import java.util.Arrays;

/** Reads a pack's own header, without the index: one ranged read of the tail in the usual case. */
public final class PackHeaders {
    private static final int TAIL = 64 * 1024;

    private PackHeaders() {
    }

    public static PackRecord read(Storage storage, Crypto crypto, StoredObject pack) {
        String resource = "repository " + storage.describe() + ": " + pack.name();
        ContentId id = ContentId.parse(FileKind.DATA.idOf(pack.name()).orElseThrow(
                () -> new IllegalArgumentException("not a pack name: " + pack.name())));
        long size = pack.size();
        if (size < PackFormat.TRAILER_LENGTH + Crypto.OVERHEAD) {
            throw new CairnException(ErrorCode.INTEGRITY, resource + ": pack is truncated (" + size + " bytes)");
        }
        int tailLength = (int) Math.min(size, TAIL);
        byte[] tail = storage.read(pack.name(), size - tailLength, tailLength);
        return parse(id, tail, size, crypto, resource, storage, pack.name());
    }

    /** Parses the header from a whole pack already in memory (check --read-data). */
    public static PackRecord parse(ContentId id, byte[] pack, Crypto crypto, String resource) {
        return parse(id, pack, pack.length, crypto, resource, null, null);
    }

    private static PackRecord parse(ContentId id, byte[] tail, long size, Crypto crypto, String resource,
            Storage storage, String name) {
        if (tail.length < PackFormat.TRAILER_LENGTH) {
            throw new CairnException(ErrorCode.INTEGRITY, resource + ": pack is truncated");
        }
        int headerLength = PackFormat.headerLength(
                Arrays.copyOfRange(tail, tail.length - PackFormat.TRAILER_LENGTH, tail.length), size, resource);
        long headerOffset = size - PackFormat.TRAILER_LENGTH - headerLength;
        byte[] sealedHeader;
        if (headerLength + PackFormat.TRAILER_LENGTH <= tail.length) {
            int start = tail.length - PackFormat.TRAILER_LENGTH - headerLength;
            sealedHeader = Arrays.copyOfRange(tail, start, start + headerLength);
        } else if (storage != null) {
            sealedHeader = storage.read(name, headerOffset, headerLength);
        } else {
            throw new CairnException(ErrorCode.INTEGRITY, resource + ": pack is truncated");
        }
        return new PackRecord(id, PackFormat.decodeHeader(crypto, sealedHeader, headerOffset, resource));
    }
}
