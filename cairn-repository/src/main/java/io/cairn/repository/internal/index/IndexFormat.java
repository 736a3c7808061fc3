package io.cairn.repository.internal.index;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.internal.format.BlobType;
import io.cairn.repository.internal.format.ContentId;
import io.cairn.repository.internal.pack.PackEntry;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The plaintext of an index file (little-endian), sealed as a whole:
 * <pre>
 *   index := "CIX1" packCount:u32 pack*
 *   pack  := packId:32 blobCount:u32 blob*
 *   blob  := type:u8 id:32 offset:u32 sealedLength:u32 rawLength:u32
 * </pre>
 * Binary rather than JSON: ids are random and do not compress, and a large repository's index
 * loads several times faster from fixed-size records.
 */
public final class IndexFormat {
    private static final int MAGIC = 0x31584943; // "CIX1" little-endian
    private static final int BLOB_LENGTH = 1 + ContentId.LENGTH + 12;

    private IndexFormat() {
    }

    public static byte[] encode(List<PackRecord> packs) {
        int size = 8;
        for (PackRecord pack : packs) {
            size += ContentId.LENGTH + 4 + pack.entries().size() * BLOB_LENGTH;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(MAGIC).putInt(packs.size());
        for (PackRecord pack : packs) {
            buffer.put(pack.pack().bytes()).putInt(pack.entries().size());
            for (PackEntry entry : pack.entries()) {
                buffer.put((byte) entry.type().code()).put(entry.id().bytes())
                        .putInt(entry.offset()).putInt(entry.length()).putInt(entry.rawLength());
            }
        }
        return buffer.array();
    }

    public static List<PackRecord> decode(byte[] plain, String resource) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(plain).order(ByteOrder.LITTLE_ENDIAN);
            if (buffer.getInt() != MAGIC) {
                throw new CairnException(ErrorCode.INTEGRITY, resource + ": index has an unknown layout");
            }
            int packCount = buffer.getInt();
            List<PackRecord> packs = new ArrayList<>(Math.min(packCount, 1 << 16));
            for (int p = 0; p < packCount; p++) {
                ContentId pack = readId(buffer);
                int blobCount = buffer.getInt();
                List<PackEntry> entries = new ArrayList<>(Math.min(blobCount, 1 << 16));
                for (int b = 0; b < blobCount; b++) {
                    BlobType type = BlobType.of(buffer.get());
                    ContentId id = readId(buffer);
                    entries.add(new PackEntry(id, type, buffer.getInt(), buffer.getInt(), buffer.getInt()));
                }
                packs.add(new PackRecord(pack, entries));
            }
            if (buffer.hasRemaining()) {
                throw new CairnException(ErrorCode.INTEGRITY, resource + ": index has trailing bytes");
            }
            return packs;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new CairnException(ErrorCode.INTEGRITY, resource + ": index is truncated or malformed", e);
        }
    }

    private static ContentId readId(ByteBuffer buffer) {
        byte[] id = new byte[ContentId.LENGTH];
        buffer.get(id);
        return ContentId.of(id);
    }
}
