package io.cairn.migrate.internal;

import io.cairn.migrate.MigrationVersion;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The state a history describes, replayed in rank order: per version the entry that decides it
 * (a forward run, or a failed undo), undone and deleted versions dropped; per repeatable
 * description its latest run; the baseline if any.
 */
public final class HistoryState {
    private final List<HistoryEntry> entries;
    private final Map<MigrationVersion, HistoryEntry> versions = new TreeMap<>();
    private final Map<String, HistoryEntry> repeatables = new LinkedHashMap<>();
    private Optional<HistoryEntry> baseline = Optional.empty();
    private int lastUndoRank;

    private HistoryState(List<HistoryEntry> entries) {
        this.entries = List.copyOf(entries);
        for (HistoryEntry entry : this.entries) {
            replay(entry);
        }
    }

    public static HistoryState of(List<HistoryEntry> entries) {
        return new HistoryState(entries);
    }

    private void replay(HistoryEntry entry) {
        if (entry.type().equals(HistoryEntry.BASELINE)) {
            baseline = Optional.of(entry);
            return;
        }
        if (entry.version().isEmpty()) {
            if (entry.type().equals(HistoryEntry.DELETE)) {
                repeatables.remove(entry.description());
            } else if (entry.isForward()) {
                repeatables.put(entry.description(), entry);
            }
            return;
        }
        MigrationVersion version = MigrationVersion.parse(entry.version().get());
        if (entry.isUndo() && entry.success()) {
            lastUndoRank = Math.max(lastUndoRank, entry.rank());
        }
        if (entry.type().equals(HistoryEntry.DELETE) || (entry.isUndo() && entry.success())) {
            versions.remove(version);
        } else {
            // a forward run, or a failed undo that leaves the version in doubt
            versions.put(version, entry);
        }
    }

    public List<HistoryEntry> entries() {
        return entries;
    }

    /** Version → the entry deciding it, in version order. */
    public Map<MigrationVersion, HistoryEntry> versions() {
        return Collections.unmodifiableMap(versions);
    }

    /** Repeatable description → its latest run. */
    public Map<String, HistoryEntry> repeatables() {
        return Collections.unmodifiableMap(repeatables);
    }

    public Optional<HistoryEntry> baseline() {
        return baseline;
    }

    public Optional<MigrationVersion> baselineVersion() {
        return baseline.flatMap(HistoryEntry::version).map(MigrationVersion::parse);
    }

    /** The highest version applied successfully, or the baseline. */
    public Optional<MigrationVersion> currentVersion() {
        Optional<MigrationVersion> current = baselineVersion();
        for (Map.Entry<MigrationVersion, HistoryEntry> entry : versions.entrySet()) {
            if (entry.getValue().success() && !entry.getValue().isUndo()
                    && (current.isEmpty() || entry.getKey().compareTo(current.get()) > 0)) {
                current = Optional.of(entry.getKey());
            }
        }
        return current;
    }

    /**
     * True when a repeatable's last run predates an undo: the undo may have dropped what it
     * created (a view over an undone table), so it runs again at the next migrate.
     */
    public boolean undoneSince(HistoryEntry repeatable) {
        return repeatable.rank() < lastUndoRank;
    }

    /** The next free rank. */
    public int nextRank() {
        return entries.stream().mapToInt(HistoryEntry::rank).max().orElse(0) + 1;
    }
}
