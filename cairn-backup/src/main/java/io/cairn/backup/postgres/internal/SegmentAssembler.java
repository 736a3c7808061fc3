package io.cairn.backup.postgres.internal;

import io.cairn.backup.postgres.Lsn;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Cuts the replication stream into WAL segments. Streaming always starts at a segment boundary,
 * so the current segment is filled from its first byte; a full segment moves to the completed
 * list, and the bytes of the current one not stored yet form the next partial piece. Owned by
 * the streaming thread.
 */
final class SegmentAssembler {
    private final long segmentSize;
    private WalSegment current;
    private byte[] buffer;
    private int filled;
    private int storedUpTo;
    private final List<WalArchive.Content> completed = new ArrayList<>();

    SegmentAssembler(WalSegment first) {
        this.segmentSize = first.size();
        this.current = first;
        this.buffer = new byte[Math.toIntExact(segmentSize)];
    }

    /** The position after the last byte received. */
    Lsn received() {
        return current.start().plus(filled);
    }

    /** Appends WAL that starts at {@code start}; data before the current position (a resend) is skipped. */
    void append(Lsn start, ByteBuffer data) {
        long skip = received().minus(start);
        if (skip < 0) {
            throw new IllegalStateException("WAL stream jumped from " + received() + " to " + start);
        }
        if (skip >= data.remaining()) {
            return;
        }
        data.position(data.position() + (int) skip);
        while (data.hasRemaining()) {
            int count = (int) Math.min(data.remaining(), segmentSize - filled);
            data.get(buffer, filled, count);
            filled += count;
            if (filled == segmentSize) {
                completed.add(new WalArchive.Content(current.name(), buffer));
                current = current.next();
                buffer = new byte[Math.toIntExact(segmentSize)];
                filled = 0;
                storedUpTo = 0;
            }
        }
    }

    int completedCount() {
        return completed.size();
    }

    /** Received bytes of the current segment not yet stored. */
    boolean hasUnstoredPartial() {
        return filled > storedUpTo;
    }

    /** Takes the completed segments (the caller stores them). */
    List<WalArchive.Content> takeCompleted() {
        List<WalArchive.Content> taken = List.copyOf(completed);
        completed.clear();
        return taken;
    }

    /** The unstored bytes of the current segment as a piece; the caller stores it, then calls {@link #pieceStored}. */
    Optional<WalArchive.Piece> nextPiece() {
        if (filled <= storedUpTo) {
            return Optional.empty();
        }
        return Optional.of(new WalArchive.Piece(current, storedUpTo, Arrays.copyOfRange(buffer, storedUpTo, filled)));
    }

    void pieceStored(WalArchive.Piece piece) {
        if (piece.segment().equals(current)) {
            storedUpTo = (int) Math.max(storedUpTo, piece.offset() + piece.bytes().length);
        }
    }

    /** The start of the current (incomplete) segment: everything before it is in completed or stored segments. */
    Lsn currentSegmentStart() {
        return current.start();
    }

    WalSegment current() {
        return current;
    }
}
