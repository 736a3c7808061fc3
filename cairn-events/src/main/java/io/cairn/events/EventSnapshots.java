package io.cairn.events;

import io.cairn.repository.SnapshotInfo;
import io.cairn.repository.SnapshotTags;
import java.util.List;
import java.util.Optional;

/**
 * How an export of events looks in a repository, for this module (which writes and reads them)
 * and for anyone listing a repository: a snapshot of source {@value #SOURCE} tagged {@value #TAG}
 * and {@link SnapshotTags#database(String) db:<id>}, its path {@code events:<id>}, holding
 * {@value #EVENTS_FILE} (one event per line) and {@value #MANIFEST} (range, count and hash).
 */
public final class EventSnapshots {
    /** The source of every events export snapshot. */
    public static final String SOURCE = "events";
    /** The tag of every events export snapshot. */
    public static final String TAG = "events";
    /** The events, one JSON object per line, in the global order of the source store. */
    public static final String EVENTS_FILE = "events.ndjson";
    /** Database, range, event count and SHA-256 of {@value #EVENTS_FILE}; written after it. */
    public static final String MANIFEST = "manifest.json";

    private EventSnapshots() {
    }

    /** The tags to write on an export of database {@code db}. */
    public static List<String> tags(String db) {
        return List.of(TAG, SnapshotTags.database(db));
    }

    /** The snapshot path of an export of database {@code db}. */
    public static String path(String db) {
        return SOURCE + ":" + db;
    }

    /** Whether the snapshot is an events export. */
    public static boolean isExport(SnapshotInfo snapshot) {
        return SOURCE.equals(snapshot.source()) && snapshot.tags().contains(TAG);
    }

    /** The database an export was taken of; empty for any other snapshot. */
    public static Optional<String> database(SnapshotInfo snapshot) {
        return isExport(snapshot) ? SnapshotTags.databaseOf(snapshot) : Optional.empty();
    }
}
