package io.cairn.cache.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.nio.ByteBuffer;

/**
 * The bytes of an L2 entry: magic 'C', format 1, a present flag, the entry's version (8 bytes),
 * then the codec's bytes. The format byte lets a later Cairn read or skip older entries; the
 * version is checked against the entry's version key, so an entry written by a late load is refused.
 */
final class ValueFormat {
    static final byte MAGIC = 'C';
    static final byte FORMAT = 1;
    private static final int HEADER = 11;

    private ValueFormat() {
    }

    record Decoded(boolean present, long version, byte[] payload) {
    }

    static byte[] encode(boolean present, long version, byte[] payload) {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + (payload == null ? 0 : payload.length));
        buffer.put(MAGIC).put(FORMAT).put((byte) (present ? 1 : 0)).putLong(version);
        if (payload != null) {
            buffer.put(payload);
        }
        return buffer.array();
    }

    /** The decoded entry, or empty-handed INTEGRITY error naming the cache when the bytes are not ours. */
    static Decoded decode(String cache, byte[] bytes) {
        if (bytes.length < HEADER || bytes[0] != MAGIC) {
            throw new CairnException(ErrorCode.INTEGRITY, "cache '" + cache + "': an L2 entry is not in Cairn's format "
                    + "(another program writes under cairn:c:? invalidate the cache: cairn cache invalidate " + cache + " --all)");
        }
        if (bytes[1] != FORMAT) {
            throw new CairnException(ErrorCode.INTEGRITY, "cache '" + cache + "': an L2 entry has format " + bytes[1]
                    + ", this Cairn reads " + FORMAT + " (invalidate the cache or upgrade Cairn)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.position(2);
        boolean present = buffer.get() == 1;
        long version = buffer.getLong();
        byte[] payload = new byte[buffer.remaining()];
        buffer.get(payload);
        return new Decoded(present, version, payload);
    }
}
