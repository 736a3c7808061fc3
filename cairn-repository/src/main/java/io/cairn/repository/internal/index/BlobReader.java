package io.cairn.repository.internal.index;

import io.cairn.repository.internal.format.DamageAdvice;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.internal.format.ContentId;
import io.cairn.repository.internal.format.FileKind;
import io.cairn.repository.internal.format.Json;
import io.cairn.repository.internal.pack.BlobCodec;
import io.cairn.repository.internal.tree.Tree;
import io.cairn.repository.storage.Storage;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Reads blobs through the index: a ranged read of the pack, then tag, decompression and id
 * verification (see {@link BlobCodec#open}). Single blobs go through {@link #read}; a restore
 * reads a range of a pack covering many blobs once ({@link #readPackRange}) and opens each blob
 * in it ({@link #open}), with the same checks and messages. Thread-safe.
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
        BlobLocation location = locate(id).orElseThrow(() -> notIndexed(id));
        byte[] sealed = readPackRange(location.pack(), location.offset(), location.length(), id);
        return open(id, location, sealed, 0);
    }

    public Tree readTree(ContentId id) {
        return Json.read(read(id), Tree.class, "repository " + storage.describe() + ": tree " + id.shortHex());
    }

    /** Where the index says a blob is. */
    public Optional<BlobLocation> locate(ContentId id) {
        return index.find(id);
    }

    /** The INTEGRITY error for a blob that no index lists. */
    public CairnException notIndexed(ContentId id) {
        return new CairnException(ErrorCode.INTEGRITY, "repository " + storage.describe() + ": blob " + id.shortHex()
                + " is in no index; run `cairn check` to see which snapshots are affected");
    }

    /**
     * {@code length} bytes of a pack from {@code offset}; INTEGRITY when the pack is shorter
     * (naming {@code firstBlob}, the blob the range starts with).
     */
    public byte[] readPackRange(ContentId pack, long offset, int length, ContentId firstBlob) {
        String name = FileKind.DATA.nameOf(pack);
        byte[] bytes = storage.read(name, offset, length);
        if (bytes.length != length) {
            throw new CairnException(ErrorCode.INTEGRITY, "repository " + storage.describe() + ": " + name
                    + " is shorter than the index says (blob " + firstBlob.shortHex()
                    + ")" + DamageAdvice.RUN_CHECK);
        }
        return bytes;
    }

    /**
     * Like {@link #open}, into this thread's direct buffer (valid until its next open; see
     * {@link BlobCodec#openToBuffer}).
     */
    public ByteBuffer openToBuffer(ContentId id, BlobLocation location, byte[] range, int start) {
        return codec.openToBuffer(range, start, location.length(), id, location.rawLength(),
                () -> "repository " + storage.describe() + ": blob " + id.shortHex() + " in "
                        + FileKind.DATA.nameOf(location.pack()));
    }

    /**
     * Like {@link #readPackRange}, into {@code into[0..length)} (which must be large enough), so
     * a restore worker reuses one buffer for all its ranges.
     */
    public byte[] readPackRangeInto(ContentId pack, long offset, int length, ContentId firstBlob, byte[] into) {
        String name = FileKind.DATA.nameOf(pack);
        if (storage.readInto(name, offset, length, into) != length) {
            throw new CairnException(ErrorCode.INTEGRITY, "repository " + storage.describe() + ": " + name
                    + " is shorter than the index says (blob " + firstBlob.shortHex()
                    + ")" + DamageAdvice.RUN_CHECK);
        }
        return into;
    }

    /** Opens and verifies the blob {@code id} found at {@code range[start..start+location.length())}. */
    public byte[] open(ContentId id, BlobLocation location, byte[] range, int start) {
        return codec.open(range, start, location.length(), id, location.rawLength(),
                () -> "repository " + storage.describe() + ": blob " + id.shortHex() + " in "
                        + FileKind.DATA.nameOf(location.pack()));
    }
}
