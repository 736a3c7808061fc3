package io.cairn.backup.postgres.internal;

import io.cairn.backup.postgres.Lsn;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One archived WAL file as the catalog knows it: a whole file, or a segment the streamer stored
 * before it was complete, assembled from pieces that cover it from its start without a hole.
 *
 * @param name       the name PostgreSQL asks for (a segment, {@code TTTTTTTT.history}, or another archived name)
 * @param pieces     where its bytes are; a whole file is one piece at offset 0
 * @param stored     when its newest piece was stored: WAL in it was written before this
 * @param partialEnd for a segment that was not complete yet: where its valid WAL ends
 */
public record WalFile(String name, List<Piece> pieces, Instant stored, Optional<Lsn> partialEnd) {

    /** Bytes {@code [offset, end)} of the file, stored at {@code path} in snapshot {@code snapshotId}. */
    public record Piece(String snapshotId, String path, long offset, long end, Instant stored) {
    }

    public WalFile {
        pieces = List.copyOf(pieces);
    }

    public static WalFile whole(String name, String snapshotId, String path, Instant stored) {
        return new WalFile(name, List.of(new Piece(snapshotId, path, 0, -1, stored)), stored, Optional.empty());
    }

    public boolean isPartial() {
        return partialEnd.isPresent();
    }
}
