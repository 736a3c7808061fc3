package io.cairn.repository.internal.pack;

import io.cairn.repository.internal.format.DamageAdvice;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.internal.crypto.Crypto;
import io.cairn.repository.internal.format.BlobType;
import io.cairn.repository.internal.format.ContentId;
import io.cairn.repository.internal.format.FileKind;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The pack layout (little-endian):
 * <pre>
 *   pack    := blob* sealedHeader headerLength:u32
 *   blob    := sealed(flag:u8 || payload)          flag 0 = raw, 1 = zstd
 *   header  := "CPK1" count:u32 entry*             (sealed with AAD "cairn-pack-header")
 *   entry   := type:u8 sealedLength:u32 rawLength:u32 id:32
 * </pre>
 * Offsets are implied: blobs are laid out in header order from byte 0. The header lets a pack
 * be understood without any index (used to adopt packs a killed backup left behind) and the
 * index lets a blob be read without the header.
 */
public final class PackFormat {
    static final int MAGIC = 0x314b5043; // "CPK1" little-endian
    static final int ENTRY_LENGTH = 1 + 4 + 4 + ContentId.LENGTH;
    public static final int TRAILER_LENGTH = 4;

    private PackFormat() {
    }

    public static byte[] encodeHeader(List<PackEntry> entries) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + entries.size() * ENTRY_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(MAGIC).putInt(entries.size());
        for (PackEntry entry : entries) {
            buffer.put((byte) entry.type().code()).putInt(entry.length()).putInt(entry.rawLength()).put(entry.id().bytes());
        }
        return buffer.array();
    }

    /** The length of the sealed header, read from the pack's last four bytes. */
    public static int headerLength(byte[] trailer, long packSize, String resource) {
        int length = ByteBuffer.wrap(trailer).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (length < Crypto.OVERHEAD + 8 || length > packSize - TRAILER_LENGTH) {
            throw new CairnException(ErrorCode.INTEGRITY, resource + ": pack trailer names a header of " + length
                    + " bytes in a pack of " + packSize + DamageAdvice.RUN_CHECK);
        }
        return length;
    }

    /** Opens and parses a sealed header; offsets are checked against the space before the header. */
    public static List<PackEntry> decodeHeader(Crypto crypto, byte[] sealed, long headerOffset, String resource) {
        byte[] plain = crypto.open(sealed, 0, sealed.length, FileKind.DATA.associatedData(), () -> resource + " (header)");
        ByteBuffer buffer = ByteBuffer.wrap(plain).order(ByteOrder.LITTLE_ENDIAN);
        if (plain.length < 8 || buffer.getInt() != MAGIC) {
            throw new CairnException(ErrorCode.INTEGRITY, resource + ": pack header has an unknown layout");
        }
        int count = buffer.getInt();
        if (count < 0 || buffer.remaining() != (long) count * ENTRY_LENGTH) {
            throw new CairnException(ErrorCode.INTEGRITY, resource + ": pack header is truncated");
        }
        List<PackEntry> entries = new ArrayList<>(count);
        long offset = 0;
        for (int i = 0; i < count; i++) {
            BlobType type = BlobType.of(buffer.get());
            int length = buffer.getInt();
            int rawLength = buffer.getInt();
            byte[] id = new byte[ContentId.LENGTH];
            buffer.get(id);
            if (length < Crypto.OVERHEAD || offset + length > headerOffset) {
                throw new CairnException(ErrorCode.INTEGRITY, resource + ": pack header lists blobs beyond the pack's data");
            }
            entries.add(new PackEntry(ContentId.of(id), type, (int) offset, length, rawLength));
            offset += length;
        }
        return entries;
    }
}
