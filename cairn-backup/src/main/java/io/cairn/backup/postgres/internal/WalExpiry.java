package io.cairn.backup.postgres.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the WAL stores (snapshots) of one database that no kept backup needs. Recovery of a
 * backup reads WAL from the segment holding its start LSN onward, on whichever timelines its
 * lineage takes; so every file of a segment numbered below the cut segment (the one holding the
 * oldest kept backup's start) is unneeded on every timeline, and every file from the cut on is
 * kept on every timeline. A file is removable when it is:
 * <ul>
 *   <li>a segment, a partial piece, a {@code .partial} or a {@code .backup} file of a segment
 *       numbered below the cut segment; or</li>
 *   <li>a partial piece of a segment that the archive also holds complete (the catalog always
 *       prefers the complete file, so the pieces are never read again).</li>
 * </ul>
 * Timeline {@code .history} files and names Cairn does not recognise are never removable. A store
 * is removed only when every file in it is removable, so a store spanning the cut stays whole.
 * Stores written for another cluster (system identifier) are left alone.
 */
public final class WalExpiry {
    /** The stores to remove and what they hold. */
    public record Plan(List<RepositoryGateway.Stored> snapshots) {
        public Plan {
            snapshots = List.copyOf(snapshots);
        }

        /** The names of the files in the stores. */
        public List<String> files() {
            return snapshots.stream().flatMap(snapshot -> snapshot.paths().stream()).map(WalExpiry::name).toList();
        }

        /** Their size before deduplication and compression. */
        public long bytes() {
            return snapshots.stream().mapToLong(RepositoryGateway.Stored::bytes).sum();
        }

        public Optional<String> first() {
            return files().stream().min(String::compareTo);
        }

        public Optional<String> last() {
            return files().stream().max(String::compareTo);
        }
    }

    private WalExpiry() {
    }

    /**
     * @param snapshots  the WAL stores of the database, as listed
     * @param catalog    the catalog built from that same listing
     * @param cutSegment the number of the segment holding the oldest kept backup's start
     * @param systems    the system identifiers of the kept backups
     */
    public static Plan plan(List<RepositoryGateway.Stored> snapshots, WalCatalog catalog, long cutSegment,
            Set<String> systems) {
        List<RepositoryGateway.Stored> chosen = new ArrayList<>();
        for (RepositoryGateway.Stored snapshot : snapshots) {
            Optional<String> system = snapshot.tagValue("system");
            if (system.isPresent() && !systems.contains(system.get()) || snapshot.paths().isEmpty()) {
                continue;
            }
            boolean superseded = system.isEmpty() || catalog.systemIdentifier().equals(system);
            if (snapshot.paths().stream().allMatch(path -> removable(name(path), catalog, cutSegment, superseded))) {
                chosen.add(snapshot);
            }
        }
        return new Plan(chosen);
    }

    private static String name(String path) {
        return path.startsWith(WalArchive.DIRECTORY) ? path.substring(WalArchive.DIRECTORY.length()) : path;
    }

    private static boolean removable(String name, WalCatalog catalog, long cutSegment, boolean supersededCounts) {
        if (name.length() < 24 || !WalSegment.isSegmentName(name.substring(0, 24))) {
            return false;
        }
        String rest = name.substring(24);
        boolean piece = rest.startsWith(WalArchive.PARTIAL_MARK) && rest.substring(WalArchive.PARTIAL_MARK.length())
                .matches("[0-9A-F]{8}");
        if (!(rest.isEmpty() || piece || rest.equals(".partial") || rest.matches("\\.[0-9A-F]{8}\\.backup"))) {
            return false;
        }
        Optional<WalSegment> segment = WalSegment.parse(name.substring(0, 24), catalog.segmentSize());
        if (segment.isEmpty()) {
            return false;
        }
        if (segment.get().number() < cutSegment) {
            return true;
        }
        return piece && supersededCounts && catalog.completeSegment(segment.get()).isPresent();
    }
}
