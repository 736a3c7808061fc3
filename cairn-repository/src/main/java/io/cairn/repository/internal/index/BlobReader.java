package io.cairn.repository.internal.index;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.internal.format.ContentId;
import io.cairn.repository.internal.format.FileKind;
import io.cairn.repository.internal.format.Json;
import io.cairn.repository.internal.pack.BlobCodec;
import io.cairn.repository.internal.tree.Tree;
import io.cairn.repository.storage.Storage;

/**
 * Reads single blobs through the index: a ranged read of the pack, then tag, decompression and
 * id verification (see {@link BlobCodec#open}). Thread-safe.
 */
public final class BlobReader {
    private final Storage storage;
    private final BlobCodec codec;
    private final MasterIndex index;

    public BlobReader(Storage storage, BlobCodec codec, MasterIndex index) {
        this.storage = storage;
        this.codec = codec;
        this.index = index;
    }

    public byte[] read(ContentId id) {
        BlobLocation location = index.find(id).orElseThrow(() -> new CairnException(ErrorCode.INTEGRITY,
                "repository " + storage.describe() + ": blob " + id.shortHex()
                        + " is in no index; run `cairn check` to see which snapshots are affected"));
        String pack = FileKind.DATA.nameOf(location.pack());
        byte[] sealed = storage.read(pack, location.offset(), location.length());
        if (sealed.length != location.length()) {
            throw new CairnException(ErrorCode.INTEGRITY, "repository " + storage.describe() + ": " + pack
                    + " is shorter than the index says (blob " + id.shortHex() + "); run `cairn check --read-data`");
        }
        return codec.open(sealed, 0, sealed.length, id, location.rawLength(),
                () -> "repository " + storage.describe() + ": blob " + id.shortHex() + " in " + pack);
    }

    public Tree readTree(ContentId id) {
        return Json.read(read(id), Tree.class, "repository " + storage.describe() + ": tree " + id.shortHex());
    }
}
