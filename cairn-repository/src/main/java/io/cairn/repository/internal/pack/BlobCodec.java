package io.cairn.repository.internal.pack;

import com.github.luben.zstd.Zstd;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.internal.crypto.Crypto;
import io.cairn.repository.internal.format.ContentId;

import java.util.function.Supplier;

/**
 * Turns a blob's plaintext into its sealed form and back: zstd first (skipped when it does not
 * make the blob smaller, e.g. already-compressed data), then AES-256-GCM. Opening verifies the
 * tag, decompresses, checks the length and recomputes the keyed id, so a blob is never returned
 * unless it is exactly what was stored under that id.
 */
public final class BlobCodec {
    static final byte RAW = 0;
    static final byte ZSTD = 1;
    private static final byte[] NO_ASSOCIATED_DATA = new byte[0];

    private final Crypto crypto;
    private final int compressionLevel;

    public BlobCodec(Crypto crypto, int compressionLevel) {
        this.crypto = crypto;
        this.compressionLevel = compressionLevel;
    }

    public Crypto crypto() {
        return crypto;
    }

    public byte[] seal(byte[] raw, int offset, int length) {
        if (compressionLevel > 0 && length > 64) {
            byte[] framed = new byte[1 + (int) Zstd.compressBound(length)];
            long compressed = Zstd.compressByteArray(framed, 1, framed.length - 1, raw, offset, length, compressionLevel);
            if (!Zstd.isError(compressed) && compressed < length) {
                framed[0] = ZSTD;
                return crypto.seal(framed, 0, 1 + (int) compressed, NO_ASSOCIATED_DATA);
            }
        }
        byte[] framed = new byte[1 + length];
        framed[0] = RAW;
        System.arraycopy(raw, offset, framed, 1, length);
        return crypto.seal(framed, 0, framed.length, NO_ASSOCIATED_DATA);
    }

    /** Opens a sealed blob found at {@code sealed[offset..offset+length)} and verifies its id. */
    public byte[] open(byte[] sealed, int offset, int length, ContentId expected, int rawLength,
            Supplier<String> resource) {
        byte[] framed = crypto.open(sealed, offset, length, NO_ASSOCIATED_DATA, resource);
        byte[] raw = unframe(framed, rawLength, resource);
        if (!crypto.contentId(raw, 0, raw.length).equals(expected)) {
            throw new CairnException(ErrorCode.INTEGRITY, resource.get()
                    + ": content does not match its id; run `cairn repo check --read-data`");
        }
        return raw;
    }

    private static byte[] unframe(byte[] framed, int rawLength, Supplier<String> resource) {
        if (framed.length == 0) {
            throw new CairnException(ErrorCode.INTEGRITY, resource.get() + ": empty blob frame");
        }
        if (framed[0] == RAW && framed.length - 1 == rawLength) {
            return java.util.Arrays.copyOfRange(framed, 1, framed.length);
        }
        if (framed[0] == ZSTD && rawLength >= 0) {
            byte[] raw = new byte[rawLength];
            long size = Zstd.decompressByteArray(raw, 0, rawLength, framed, 1, framed.length - 1);
            if (!Zstd.isError(size) && size == rawLength) {
                return raw;
            }
        }
        throw new CairnException(ErrorCode.INTEGRITY, resource.get() + ": blob frame does not decode to "
                + rawLength + " bytes; run `cairn repo check --read-data`");
    }
}
