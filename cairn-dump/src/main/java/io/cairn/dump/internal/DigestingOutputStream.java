package io.cairn.dump.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Counts, hashes (SHA-256) and reports the bytes written through it. */
final class DigestingOutputStream extends FilterOutputStream {
    private final MessageDigest digest = Sha256.newDigest();
    private final ProgressReporter progress;
    private long count;

    DigestingOutputStream(OutputStream out, ProgressReporter progress) {
        super(out);
        this.progress = progress;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        digest.update((byte) b);
        passed(1);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        out.write(buffer, offset, length);
        digest.update(buffer, offset, length);
        passed(length);
    }

    /** Does not close the wrapped stream: the caller owns it. */
    @Override
    public void close() throws IOException {
        out.flush();
    }

    private void passed(int n) {
        count += n;
        progress.bytes(n);
    }

    long count() {
        return count;
    }

    String sha256() {
        return Sha256.hex(digest.digest());
    }
}
