package io.cairn.backup.postgres.internal;

import io.cairn.backup.postgres.Lsn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the WAL archive of one database holds, built from the WAL snapshots' paths and tags in one
 * listing (no file is read). A complete segment always wins over partial pieces of the same
 * segment; partial pieces are assembled greedily from offset 0, each step taking the piece that
 * reaches furthest; among duplicates (a file pushed twice) the newest wins.
 */
public final class WalCatalog {
    private final long segmentSize;
    private final Map<String, WalFile> complete = new HashMap<>();
    private final Map<String, List<WalFile.Piece>> pieces = new HashMap<>();
    private final Map<String, WalFile> other = new HashMap<>();
    private final TreeMap<Integer, WalFile> histories = new TreeMap<>();
    private final Optional<String> systemIdentifier;

    public WalCatalog(long segmentSize, Optional<String> systemIdentifier) {
        this.segmentSize = segmentSize;
        this.systemIdentifier = systemIdentifier;
    }

    /** Adds a whole archived file (entries are added oldest snapshot first). */
    public void addWhole(String name, String snapshotId, String path, Instant stored) {
        WalFile file = WalFile.whole(name, snapshotId, path, stored);
        if (WalSegment.isSegmentName(name)) {
            complete.put(name, file);
        } else if (WalSegment.isHistoryName(name)) {
            histories.put(Integer.parseInt(name.substring(0, 8), 16), file);
        } else {
            other.put(name, file);
        }
    }

    /** Adds a piece {@code [offset, end)} of a segment that was not complete when stored. */
    public void addPiece(String segment, WalFile.Piece piece) {
        pieces.computeIfAbsent(segment, name -> new ArrayList<>()).add(piece);
    }

    public long segmentSize() {
        return segmentSize;
    }

    /** The system identifier the archive was written for, if any WAL is stored. */
    public Optional<String> systemIdentifier() {
        return systemIdentifier;
    }

    /** The file to hand out for {@code name}: a complete segment, else an assembled partial one, else any other file. */
    public Optional<WalFile> find(String name) {
        if (complete.containsKey(name)) {
            return Optional.of(complete.get(name));
        }
        if (WalSegment.isSegmentName(name)) {
            return assemble(name);
        }
        if (WalSegment.isHistoryName(name)) {
            return Optional.ofNullable(histories.get(Integer.parseInt(name.substring(0, 8), 16)));
        }
        return Optional.ofNullable(other.get(name));
    }

    public Optional<WalFile> completeSegment(WalSegment segment) {
        return Optional.ofNullable(complete.get(segment.name()));
    }

    /** The partial pieces of a segment that is not archived complete, assembled; empty if none start at 0. */
    public Optional<WalFile> partialSegment(WalSegment segment) {
        return complete.containsKey(segment.name()) ? Optional.empty() : assemble(segment.name());
    }

    private Optional<WalFile> assemble(String name) {
        List<WalFile.Piece> available = pieces.getOrDefault(name, List.of());
        List<WalFile.Piece> chain = new ArrayList<>();
        long position = 0;
        while (true) {
            long reached = position;
            Optional<WalFile.Piece> best = available.stream().filter(piece -> piece.offset() <= reached
                    && piece.end() > reached).max(Comparator.comparingLong(WalFile.Piece::end)
                    .thenComparing(WalFile.Piece::stored));
            if (best.isEmpty()) {
                break;
            }
            chain.add(best.get());
            position = best.get().end();
        }
        if (chain.isEmpty()) {
            return Optional.empty();
        }
        WalSegment segment = WalSegment.parse(name, segmentSize).orElseThrow();
        Instant stored = chain.stream().map(WalFile.Piece::stored).max(Comparator.naturalOrder()).orElseThrow();
        return Optional.of(new WalFile(name, chain, stored, Optional.of(segment.start().plus(position))));
    }

    public Collection<WalFile> histories() {
        return histories.values();
    }

    public Optional<WalFile> history(int timeline) {
        return Optional.ofNullable(histories.get(timeline));
    }

    /** The highest timeline seen in segment or history names. */
    public int latestTimeline() {
        int latest = histories.isEmpty() ? 1 : histories.lastKey();
        for (String name : complete.keySet()) {
            latest = Math.max(latest, timelineOf(name));
        }
        for (String name : pieces.keySet()) {
            latest = Math.max(latest, timelineOf(name));
        }
        return latest;
    }

    private static int timelineOf(String segmentName) {
        return (int) Long.parseLong(segmentName.substring(0, 8), 16);
    }

    /** Every segment with something archived (complete or partial), in WAL order. */
    public List<WalSegment> segments() {
        List<WalSegment> segments = new ArrayList<>();
        for (String name : complete.keySet()) {
            WalSegment.parse(name, segmentSize).ifPresent(segments::add);
        }
        for (String name : pieces.keySet()) {
            if (!complete.containsKey(name)) {
                WalSegment.parse(name, segmentSize).ifPresent(segments::add);
            }
        }
        segments.sort(null);
        return segments;
    }

    /** Where the WAL stored for {@code segment} ends: its end if complete, else the assembled partial end. */
    public Optional<Lsn> endOf(WalSegment segment) {
        if (complete.containsKey(segment.name())) {
            return Optional.of(segment.end());
        }
        return partialSegment(segment).flatMap(WalFile::partialEnd);
    }
}
