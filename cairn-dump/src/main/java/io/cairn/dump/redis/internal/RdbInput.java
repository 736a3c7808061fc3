package io.cairn.dump.redis.internal;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the primitives of the RDB format (lengths, strings, little-endian numbers) and can
 * record the raw bytes it reads, which is how a value's exact serialized form is cut out of
 * the file for RESTORE without decoding it.
 */
final class RdbInput {
    /** A length whose two top bits are 11: the string that follows is specially encoded. */
    static final long ENCODED = -1;
    private static final int ENCODING_INT8 = 0;
    private static final int ENCODING_INT16 = 1;
    private static final int ENCODING_INT32 = 2;
    private static final int ENCODING_LZF = 3;

    private final InputStream in;
    private ByteArrayOutputStream recording;
    private int encoding;
    private long position;

    RdbInput(InputStream in) {
        this.in = in;
    }

    long position() {
        return position;
    }

    void startRecording(int firstByte) {
        recording = new ByteArrayOutputStream();
        recording.write(firstByte);
    }

    byte[] stopRecording() {
        byte[] bytes = recording.toByteArray();
        recording = null;
        return bytes;
    }

    int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the RDB snapshot ends early, at byte " + position);
        }
        position++;
        if (recording != null) {
            recording.write(b);
        }
        return b;
    }

    byte[] readBytes(long count) throws IOException {
        if (count > Integer.MAX_VALUE - 8) {
            throw new IOException("an RDB string of " + count + " bytes is too large to load");
        }
        byte[] bytes = in.readNBytes((int) count);
        if (bytes.length < count) {
            throw new EOFException("the RDB snapshot ends early, at byte " + (position + bytes.length));
        }
        position += count;
        if (recording != null) {
            recording.write(bytes, 0, bytes.length);
        }
        return bytes;
    }

    void skip(long count) throws IOException {
        long left = count;
        while (left > 0) {
            int step = (int) Math.min(left, 1 << 20);
            readBytes(step);
            left -= step;
        }
    }

    long readLittleEndian(int bytes) throws IOException {
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value |= (long) readByte() << (8 * i);
        }
        return value;
    }

    /** A length, or {@link #ENCODED} with the encoding kept for {@link #readString}. */
    long readLength() throws IOException {
        int first = readByte();
        switch ((first & 0xC0) >> 6) {
            case 0:
                return first & 0x3F;
            case 1:
                return ((first & 0x3F) << 8) | readByte();
            case 2:
                if (first == 0x80) {
                    return bigEndian(4);
                }
                if (first == 0x81) {
                    return bigEndian(8);
                }
                throw new IOException("unknown length encoding 0x" + Integer.toHexString(first) + " in the RDB snapshot");
            default:
                encoding = first & 0x3F;
                return ENCODED;
        }
    }

    long readPlainLength() throws IOException {
        long length = readLength();
        if (length == ENCODED) {
            throw new IOException("an encoded string where a length belongs, at byte " + position);
        }
        return length;
    }

    private long bigEndian(int bytes) throws IOException {
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value = (value << 8) | readByte();
        }
        return value;
    }

    /** A string, decoded (integers as decimal text, LZF decompressed). */
    byte[] readString() throws IOException {
        long length = readLength();
        if (length != ENCODED) {
            return readBytes(length);
        }
        switch (encoding) {
            case ENCODING_INT8:
                return Long.toString((byte) readByte()).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            case ENCODING_INT16:
                return Long.toString((short) readLittleEndian(2)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            case ENCODING_INT32:
                return Long.toString((int) readLittleEndian(4)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            case ENCODING_LZF:
                long compressed = readPlainLength();
                long plain = readPlainLength();
                return Lzf.decompress(readBytes(compressed), (int) plain);
            default:
                throw new IOException("unknown string encoding " + encoding + " in the RDB snapshot");
        }
    }

    /** Passes over a string without decoding it. */
    void skipString() throws IOException {
        long length = readLength();
        if (length != ENCODED) {
            skip(length);
            return;
        }
        switch (encoding) {
            case ENCODING_INT8 -> skip(1);
            case ENCODING_INT16 -> skip(2);
            case ENCODING_INT32 -> skip(4);
            case ENCODING_LZF -> {
                long compressed = readPlainLength();
                readPlainLength();
                skip(compressed);
            }
            default -> throw new IOException("unknown string encoding " + encoding + " in the RDB snapshot");
        }
    }
}
