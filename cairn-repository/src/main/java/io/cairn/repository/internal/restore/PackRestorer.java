package io.cairn.repository.internal.restore;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.internal.ProgressTracker;
import io.cairn.repository.internal.format.ContentId;
import io.cairn.repository.internal.index.BlobReader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Restores the needed blobs of one pack: reads the pack in few large ranges (neighbouring
 * blobs are merged when the gap between them is small, so unneeded bytes cost less than another
 * request, which matters on S3), opens and verifies each blob once, and writes it to every
 * place it belongs. Memory per thread: one reusable range buffer (at least {@link #MAX_RANGE},
 * or the largest single blob read alone) plus reusable direct buffers for the blob being
 * opened (each grows to the largest blob the thread has opened), from which blobs are written
 * to files without further copies.
 */
final class PackRestorer {
    /** Largest read that merges several blobs; a larger single blob is read alone. */
    static final int MAX_RANGE = 4 << 20;
    /** Unneeded bytes between two blobs that are still read rather than skipped. */
    static final int MAX_GAP = 256 << 10;

    /** Called once a file has all its content. */
    interface Completion {
        void fileComplete(FileTarget file) throws IOException;
    }

    private final BlobReader reader;
    private final ProgressTracker progress;
    private final Completion completion;
    private final AtomicLong bytesWritten;
    private final String name;
    private final ThreadLocal<byte[]> ranges = ThreadLocal.withInitial(() -> new byte[0]);

    PackRestorer(BlobReader reader, ProgressTracker progress, Completion completion, AtomicLong bytesWritten,
            String name) {
        this.reader = reader;
        this.progress = progress;
        this.completion = completion;
        this.bytesWritten = bytesWritten;
        this.name = name;
    }

    void restore(ContentId pack, List<RestorePlan.PlannedBlob> blobs) throws IOException {
        int first = 0;
        while (first < blobs.size()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CairnException(ErrorCode.INTERRUPTED, name + ": restore interrupted");
            }
            int last = lastInRange(blobs, first);
            long start = blobs.get(first).location().offset();
            long end = end(blobs.get(last));
            byte[] range = read(pack, blobs.get(first), start, (int) (end - start));
            for (int i = first; i <= last; i++) {
                RestorePlan.PlannedBlob blob = blobs.get(i);
                write(blob, open(blob, range, (int) (blob.location().offset() - start)));
            }
            first = last + 1;
        }
    }

    /** The last blob that joins the range starting at {@code first}. */
    private static int lastInRange(List<RestorePlan.PlannedBlob> blobs, int first) {
        long start = blobs.get(first).location().offset();
        long end = end(blobs.get(first));
        int last = first;
        while (last + 1 < blobs.size()) {
            RestorePlan.PlannedBlob next = blobs.get(last + 1);
            if (next.location().offset() - end > MAX_GAP || end(next) - start > MAX_RANGE) {
                break;
            }
            end = Math.max(end, end(next));
            last++;
        }
        return last;
    }

    private static long end(RestorePlan.PlannedBlob blob) {
        return (long) blob.location().offset() + blob.location().length();
    }

    /** The range, in this thread's reusable buffer (grown to the largest range it has read). */
    private byte[] read(ContentId pack, RestorePlan.PlannedBlob first, long start, int length) {
        byte[] buffer = ranges.get();
        if (buffer.length < length) {
            buffer = new byte[Math.max(length, MAX_RANGE)];
            ranges.set(buffer);
        }
        try {
            return reader.readPackRangeInto(pack, start, length, first.id(), buffer);
        } catch (CairnException e) {
            throw RestorePlan.cannotRestore(name, first.placements().get(0).file(), e);
        }
    }

    /** The verified plaintext, in this thread's buffer until the next blob is opened. */
    private ByteBuffer open(RestorePlan.PlannedBlob blob, byte[] range, int start) {
        try {
            return reader.openToBuffer(blob.id(), blob.location(), range, start);
        } catch (CairnException e) {
            throw RestorePlan.cannotRestore(name, blob.placements().get(0).file(), e);
        }
    }

    private void write(RestorePlan.PlannedBlob blob, ByteBuffer raw) throws IOException {
        int length = raw.remaining();
        for (RestorePlan.Placement placement : blob.placements()) {
            FileTarget file = placement.file();
            progress.item(file.snapshotPath());
            boolean complete = file.write(placement.offset(), raw.duplicate());
            bytesWritten.addAndGet(length);
            progress.bytes(length);
            if (complete) {
                completion.fileComplete(file);
            }
        }
    }
}
