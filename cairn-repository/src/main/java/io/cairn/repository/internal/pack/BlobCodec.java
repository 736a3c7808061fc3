package io.cairn.repository.internal.pack;

import io.cairn.repository.internal.format.DamageAdvice;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.internal.crypto.Crypto;
import io.cairn.repository.internal.format.ContentId;

import java.nio.ByteBuffer;
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
    private static final int SAMPLE = 64 * 1024;

    private final Crypto crypto;
    private final int compressionLevel;
    /** zstd contexts are costly to create (tables of several MB); one per thread is reused. */
    private final ThreadLocal<ZstdCompressCtx> compressors;
    private final ThreadLocal<ZstdDecompressCtx> decompressors = ThreadLocal.withInitial(ZstdDecompressCtx::new);
    private final ThreadLocal<ByteBuffer> rawBuffers = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(64 * 1024));
    private final ThreadLocal<byte[]> samples = ThreadLocal.withInitial(() -> new byte[(int) Zstd.compressBound(SAMPLE)]);

    public BlobCodec(Crypto crypto, int compressionLevel) {
        this.crypto = crypto;
        this.compressionLevel = compressionLevel;
        this.compressors = ThreadLocal.withInitial(() -> new ZstdCompressCtx().setLevel(compressionLevel));
    }

    public Crypto crypto() {
        return crypto;
    }

    public byte[] seal(byte[] raw, int offset, int length) {
        if (compressionLevel > 0 && length > 64 && looksCompressible(raw, offset, length)) {
            byte[] framed = new byte[1 + (int) Zstd.compressBound(length)];
            int compressed = compressors.get().compressByteArray(framed, 1, framed.length - 1, raw, offset, length);
            if (compressed < length) {
                framed[0] = ZSTD;
                return crypto.seal(framed, 0, 1 + compressed, NO_ASSOCIATED_DATA);
            }
        }
        byte[] framed = new byte[1 + length];
        framed[0] = RAW;
        System.arraycopy(raw, offset, framed, 1, length);
        return crypto.seal(framed, 0, framed.length, NO_ASSOCIATED_DATA);
    }

    /**
     * A cheap test before compressing a large blob: compress a 64 KiB sample from its middle and
     * give up when that saves under 2%. Already-compressed or encrypted data (a large part of real
     * backups) then costs 6% of a full zstd pass instead of all of it; measured on the bench data
     * set this cut backup CPU time by about a third, with identical stored size.
     */
    private boolean looksCompressible(byte[] raw, int offset, int length) {
        if (length < 4 * SAMPLE) {
            return true;
        }
        byte[] sample = samples.get();
        int start = offset + length / 2 - SAMPLE / 2;
        int compressed = compressors.get().compressByteArray(sample, 0, sample.length, raw, start, SAMPLE);
        return compressed < SAMPLE - SAMPLE / 50;
    }

    /** Opens a sealed blob found at {@code sealed[offset..offset+length)} and verifies its id. */
    public byte[] open(byte[] sealed, int offset, int length, ContentId expected, int rawLength,
            Supplier<String> resource) {
        byte[] framed = crypto.open(sealed, offset, length, NO_ASSOCIATED_DATA, resource);
        byte[] raw = unframe(framed, rawLength, resource);
        if (!crypto.contentId(raw, 0, raw.length).equals(expected)) {
            throw new CairnException(ErrorCode.INTEGRITY, resource.get()
                    + ": content does not match its id" + DamageAdvice.RUN_CHECK);
        }
        return raw;
    }

    /**
     * Like {@link #open}, but returns the verified plaintext in a per-thread direct buffer
     * (valid until the next open on this thread) instead of new arrays: a restore writes it
     * straight to files. Saves two heap copies of every blob, which at 1 MiB are "humongous"
     * allocations for G1 and made restore's heap, page faults and GC grow with the data rate.
     */
    public ByteBuffer openToBuffer(byte[] sealed, int offset, int length, ContentId expected, int rawLength,
            Supplier<String> resource) {
        ByteBuffer framed = crypto.openToBuffer(sealed, offset, length, NO_ASSOCIATED_DATA, resource);
        ByteBuffer raw = unframe(framed, rawLength, resource);
        if (!crypto.contentId(raw).equals(expected)) {
            throw new CairnException(ErrorCode.INTEGRITY, resource.get()
                    + ": content does not match its id" + DamageAdvice.RUN_CHECK);
        }
        return raw;
    }

    private ByteBuffer unframe(ByteBuffer framed, int rawLength, Supplier<String> resource) {
        int length = framed.remaining();
        if (length > 0 && framed.get(0) == RAW && length - 1 == rawLength) {
            return framed.slice(1, rawLength);
        }
        if (length > 0 && framed.get(0) == ZSTD && rawLength >= 0) {
            ByteBuffer raw = rawBuffer(rawLength);
            try {
                if (decompressors.get().decompressDirectByteBuffer(raw, 0, rawLength, framed, 1, length - 1) == rawLength) {
                    return raw.limit(rawLength);
                }
            } catch (ZstdException e) {
                // reported below as damage, like any other undecodable frame
            }
        }
        throw new CairnException(ErrorCode.INTEGRITY, resource.get() + (length == 0 ? ": empty blob frame"
                : ": blob frame does not decode to " + rawLength + " bytes" + DamageAdvice.RUN_CHECK));
    }

    /** This thread's buffer for decompressed blobs, grown to the largest blob it has opened. */
    private ByteBuffer rawBuffer(int length) {
        ByteBuffer buffer = rawBuffers.get();
        if (buffer.capacity() < length) {
            buffer = ByteBuffer.allocateDirect(Math.max(length, buffer.capacity() * 2));
            rawBuffers.set(buffer);
        }
        return buffer.clear();
    }

    private byte[] unframe(byte[] framed, int rawLength, Supplier<String> resource) {
        if (framed.length == 0) {
            throw new CairnException(ErrorCode.INTEGRITY, resource.get() + ": empty blob frame");
        }
        if (framed[0] == RAW && framed.length - 1 == rawLength) {
            return java.util.Arrays.copyOfRange(framed, 1, framed.length);
        }
        if (framed[0] == ZSTD && rawLength >= 0) {
            byte[] raw = new byte[rawLength];
            try {
                if (decompressors.get().decompressByteArray(raw, 0, rawLength, framed, 1, framed.length - 1) == rawLength) {
                    return raw;
                }
            } catch (ZstdException e) {
                // reported below as damage, like any other undecodable frame
            }
        }
        throw new CairnException(ErrorCode.INTEGRITY, resource.get() + ": blob frame does not decode to "
                + rawLength + " bytes" + DamageAdvice.RUN_CHECK);
    }
}
