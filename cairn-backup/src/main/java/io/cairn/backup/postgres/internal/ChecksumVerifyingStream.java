package io.cairn.backup.postgres.internal;

import io.cairn.backup.postgres.CorruptPage;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;

/**
 * Passes a relation file through unchanged while checking each full page's checksum, as
 * pg_basebackup does: new pages (pd_upper = 0, all zeros) and pages whose LSN is at or after the
 * backup's start LSN are skipped (WAL replay rewrites them); a mismatch is re-read once from the
 * file, since a page being written concurrently can be read torn, and only a page that still
 * fails is reported. A short last page (the file grows while read) is not checked.
 */
public final class ChecksumVerifyingStream extends InputStream {
    private static final int PAGES_PER_READ = 128;

    private final InputStream input;
    private final Path file;
    private final String displayPath;
    private final long firstBlock;
    private final int pageSize;
    private final long startLsn;
    private final List<CorruptPage> failures;
    private final byte[] buffer;
    private int position;
    private int limit;
    private long pagesDone;
    private boolean finished;
    private long pagesChecked;

    public ChecksumVerifyingStream(InputStream input, Path file, String displayPath, long firstBlock, int pageSize,
            long startLsn, List<CorruptPage> failures) {
        this.input = input;
        this.file = file;
        this.displayPath = displayPath;
        this.firstBlock = firstBlock;
        this.pageSize = pageSize;
        this.startLsn = startLsn;
        this.failures = failures;
        this.buffer = new byte[pageSize * PAGES_PER_READ];
    }

    /** Pages whose checksum was actually compared. */
    public long pagesChecked() {
        return pagesChecked;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        int count = Math.min(length, limit - position);
        System.arraycopy(buffer, position, target, offset, count);
        position += count;
        return count;
    }

    private boolean fill() throws IOException {
        if (finished) {
            return false;
        }
        int filled = 0;
        while (filled < buffer.length) {
            int read = input.read(buffer, filled, buffer.length - filled);
            if (read < 0) {
                finished = true;
                break;
            }
            filled += read;
        }
        for (int page = 0; page + pageSize <= filled; page += pageSize) {
            verify(page, firstBlock + pagesDone + page / pageSize);
        }
        pagesDone += filled / pageSize;
        position = 0;
        limit = filled;
        return filled > 0;
    }

    private void verify(int offset, long block) throws IOException {
        Verdict verdict = check(buffer, offset, block);
        if (verdict != Verdict.MISMATCH) {
            return;
        }
        byte[] again = reread(block - firstBlock);
        if (again != null && check(again, 0, block) != Verdict.MISMATCH) {
            return;
        }
        byte[] page = again != null ? again : buffer;
        int at = again != null ? 0 : offset;
        failures.add(new CorruptPage(displayPath, block, PageChecksum.compute(page, at, pageSize, block),
                PageChecksum.stored(page, at)));
    }

    private enum Verdict { SKIPPED, VALID, MISMATCH }

    private Verdict check(byte[] data, int offset, long block) {
        if (PageChecksum.upper(data, offset) == 0) {
            // PageIsNew: PostgreSQL only accepts it if it is entirely zero
            return PageChecksum.isAllZero(data, offset, pageSize) ? Verdict.SKIPPED : Verdict.MISMATCH;
        }
        if (Long.compareUnsigned(PageChecksum.pageLsn(data, offset), startLsn) >= 0) {
            return Verdict.SKIPPED;
        }
        pagesChecked++;
        return PageChecksum.compute(data, offset, pageSize, block) == PageChecksum.stored(data, offset)
                ? Verdict.VALID : Verdict.MISMATCH;
    }

    private byte[] reread(long pageInFile) {
        try (RandomAccessFile random = new RandomAccessFile(file.toFile(), "r")) {
            byte[] page = new byte[pageSize];
            random.seek(pageInFile * pageSize);
            random.readFully(page);
            return page;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
