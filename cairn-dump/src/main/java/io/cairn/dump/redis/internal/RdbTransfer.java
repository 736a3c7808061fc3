package io.cairn.dump.redis.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * The {@code $<length>} RDB payload of a full resynchronisation, as a stream that ends exactly
 * after it, fails (instead of ending quietly) if the connection closes first, and checks the
 * RDB's own CRC-64 trailer on the way, so a damaged or cut transfer never becomes a dump.
 */
final class RdbTransfer extends FilterInputStream {
    /** The transfer broke off: the server closed the connection or stopped sending. */
    static final class Interrupted extends IOException {
        private static final long serialVersionUID = 1L;

        Interrupted(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final long length;
    private final Crc64 crc = new Crc64();
    private final byte[] header = new byte[9];
    private final byte[] trailer = new byte[8];
    private long position;

    RdbTransfer(InputStream in, long length) {
        super(in);
        this.length = length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        if (position >= length) {
            return -1;
        }
        int n;
        try {
            n = in.read(buffer, offset, (int) Math.min(count, length - position));
        } catch (SocketTimeoutException e) {
            throw new Interrupted("the server sent nothing for too long after " + position + " of " + length
                    + " bytes of the RDB snapshot", e);
        } catch (IOException e) {
            throw new Interrupted("the connection broke after " + position + " of " + length
                    + " bytes of the RDB snapshot: " + e.getMessage(), e);
        }
        if (n < 0) {
            throw new Interrupted("the server closed the connection after " + position + " of " + length
                    + " bytes of the RDB snapshot", null);
        }
        for (int i = 0; i < n; i++) {
            observe(buffer[offset + i]);
        }
        return n;
    }

    private void observe(byte b) {
        if (position < header.length) {
            header[(int) position] = b;
        }
        if (position < length - trailer.length) {
            crc.update(b);
        } else {
            trailer[(int) (position - (length - trailer.length))] = b;
        }
        position++;
    }

    @Override
    public long skip(long n) {
        return 0;
    }

    @Override
    public void close() {
        // the connection belongs to the caller
    }

    boolean complete() {
        return position == length;
    }

    /** The version in the {@code REDIS0010} header, or -1 when the header is not an RDB header. */
    int rdbVersion() {
        String magic = new String(header, StandardCharsets.US_ASCII);
        return magic.startsWith("REDIS") && magic.substring(5).chars().allMatch(Character::isDigit)
                ? Integer.parseInt(magic.substring(5)) : -1;
    }

    /** True when the trailer matches (a zero trailer means the server has rdbchecksum off). */
    boolean checksumMatches() {
        long stored = 0;
        for (int i = 7; i >= 0; i--) {
            stored = (stored << 8) | (trailer[i] & 0xff);
        }
        return stored == 0 || stored == crc.value();
    }
}
