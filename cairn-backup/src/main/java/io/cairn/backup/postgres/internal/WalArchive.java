package io.cairn.backup.postgres.internal;

import io.cairn.backup.postgres.Lsn;
import io.cairn.backup.postgres.PgSnapshots;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.SnapshotTags;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The WAL archive of the databases in one repository.
 *
 * <p>Layout: each store is one snapshot of {@link PgSnapshots#walSource source {@code postgresql-wal:<db>}} holding files
 * under {@code wal/}: whole files by their PostgreSQL name (a batch of segments when the
 * streamer catches up, one file for {@code wal push}), and at most one piece of a segment that
 * is not complete yet, {@code wal/<segment>.partial-<offset, 8 hex>} with the bytes from that
 * offset on. Tags: {@code pg-wal}, {@code db:<id>}, {@code segsize:<bytes>},
 * {@code system:<id>}, and {@code partial-end:<lsn>} for the piece's end. The catalog is read
 * from one snapshot listing without opening any file; a partial segment is stored as pieces so
 * that the synchronous streamer's many small flushes each store only the new WAL. WAL files are
 * cut in fixed 64 KiB chunks.
 *
 * <p>Crash safety comes from the repository (packs, then index, then the snapshot file): a file
 * is in the archive exactly when its snapshot is visible; a store interrupted earlier leaves
 * nothing visible and is simply repeated.
 */
public final class WalArchive {
    static final String PARTIAL_MARK = ".partial-";
    static final String DIRECTORY = "wal/";
    private static final int CHUNK = 64 << 10;
    private static final long DEFAULT_SEGMENT_SIZE = 16L << 20;

    private final RepositoryGateway gateway;
    private final Clock clock;

    /** A file to store: its archive name and content. */
    public record Content(String name, byte[] bytes) {
    }

    /** Bytes {@code [offset, offset + bytes.length)} of an incomplete segment. */
    public record Piece(WalSegment segment, long offset, byte[] bytes) {
        Lsn end() {
            return segment.start().plus(offset + bytes.length);
        }
    }

    public WalArchive(RepositoryGateway gateway, Clock clock) {
        this.gateway = gateway;
        this.clock = clock;
    }

    /** Reads the catalog of {@code db} from the repository's snapshot listing. */
    public WalCatalog catalog(String db) {
        return catalog(gateway.snapshots(PgSnapshots.walSource(db)));
    }

    /** Builds the catalog from a listing of the WAL snapshots of one database, taken by the caller. */
    public WalCatalog catalog(List<RepositoryGateway.Stored> snapshots) {
        long segmentSize = snapshots.stream().map(s -> s.tagValue("segsize")).flatMap(Optional::stream)
                .map(Long::parseLong).findFirst().orElse(DEFAULT_SEGMENT_SIZE);
        // the newest cluster wins: WAL of an older cluster stored under the same id is ignored
        Optional<String> system = snapshots.stream().map(s -> s.tagValue("system")).flatMap(Optional::stream)
                .reduce((first, second) -> second);
        WalCatalog catalog = new WalCatalog(segmentSize, system);
        for (RepositoryGateway.Stored snapshot : snapshots) {
            Optional<String> own = snapshot.tagValue("system");
            if (own.isPresent() && system.isPresent() && !own.equals(system)) {
                continue;
            }
            Optional<Lsn> partialEnd = snapshot.tagValue("partial-end").map(Lsn::parse);
            for (String path : snapshot.paths()) {
                String name = path.startsWith(DIRECTORY) ? path.substring(DIRECTORY.length()) : path;
                int mark = name.indexOf(PARTIAL_MARK);
                if (mark > 0 && partialEnd.isPresent()) {
                    String segmentName = name.substring(0, mark);
                    long offset = Long.parseLong(name.substring(mark + PARTIAL_MARK.length()), 16);
                    WalSegment.parse(segmentName, segmentSize).ifPresent(segment -> catalog.addPiece(segmentName,
                            new WalFile.Piece(snapshot.id(), path, offset, partialEnd.get().minus(segment.start()),
                                    snapshot.time())));
                } else {
                    catalog.addWhole(name, snapshot.id(), path, snapshot.time());
                }
            }
        }
        return catalog;
    }

    /**
     * Stores whole files, and optionally one piece of an incomplete segment, as one snapshot.
     * Returns the snapshot id. {@code system} and {@code segmentSize} are recorded for the catalog
     * when known (not empty, not 0).
     */
    public String store(String db, String system, long segmentSize, List<Content> files, Optional<Piece> piece) {
        List<String> paths = new ArrayList<>();
        files.forEach(file -> paths.add(DIRECTORY + file.name()));
        piece.ifPresent(part -> paths.add(DIRECTORY + part.segment().name() + PARTIAL_MARK
                + String.format("%08X", part.offset())));
        List<String> tags = new ArrayList<>(List.of(PgSnapshots.WAL_TAG, SnapshotTags.database(db)));
        if (segmentSize > 0) {
            tags.add("segsize:" + segmentSize);
        }
        if (!system.isEmpty()) {
            tags.add("system:" + system);
        }
        piece.ifPresent(part -> tags.add("partial-end:" + part.end()));
        Instant now = clock.instant();
        RepositoryGateway.Entry metadata = new RepositoryGateway.Entry(0600, now, Optional.empty(), Optional.empty());
        try (RepositoryGateway.Writer writer = gateway.newSnapshot(PgSnapshots.walSource(db), paths, tags)) {
            for (int i = 0; i < paths.size(); i++) {
                byte[] bytes = i < files.size() ? files.get(i).bytes() : piece.orElseThrow().bytes();
                writer.addFixedChunked(paths.get(i), metadata, new ByteArrayInputStream(bytes), CHUNK);
            }
            return writer.commit().id();
        }
    }

    /**
     * Writes {@code file} to {@code destination} atomically (temporary file, fsync, rename), so
     * PostgreSQL never sees half a file. A partial segment is assembled from its pieces and
     * zero-padded to the segment size; recovery reads the zeros as the end of the WAL.
     */
    public long fetch(WalFile file, Path destination, long segmentSize) {
        Path temporary = destination.resolveSibling(destination.getFileName() + ".cairn-tmp");
        try {
            long bytes;
            try (OutputStream out = Files.newOutputStream(temporary)) {
                bytes = file.isPartial() ? writeAssembled(file, out, segmentSize) : dump(file.pieces().get(0), out);
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return bytes;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // best effort: the temporary name is never read
            }
            throw new CairnException(ErrorCode.STORAGE, "writing WAL file " + file.name() + " to " + destination
                    + " failed: " + e.getMessage(), e);
        }
    }

    /** The content of an archived file (whole or assembled), in memory. */
    public byte[] read(WalFile file, long segmentSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (file.isPartial()) {
                writeAssembled(file, out, segmentSize);
            } else {
                dump(file.pieces().get(0), out);
            }
        } catch (IOException e) {
            throw new CairnException(ErrorCode.STORAGE, "reading WAL file " + file.name() + " failed: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private long dump(WalFile.Piece piece, OutputStream out) {
        return gateway.dump(piece.snapshotId(), piece.path(), out);
    }

    private long writeAssembled(WalFile file, OutputStream out, long segmentSize) throws IOException {
        byte[] segment = new byte[Math.toIntExact(segmentSize)];
        for (WalFile.Piece piece : file.pieces()) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            dump(piece, content);
            byte[] bytes = content.toByteArray();
            int length = (int) Math.min(bytes.length, segmentSize - piece.offset());
            System.arraycopy(bytes, 0, segment, (int) piece.offset(), length);
        }
        out.write(segment);
        return segment.length;
    }
}
