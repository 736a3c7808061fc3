package io.cairn.dump;

import io.cairn.repository.SnapshotInfo;
import io.cairn.repository.SnapshotTags;
import java.util.Optional;

/**
 * How a dump looks in a repository, for this module (which writes dumps) and for anyone listing a
 * repository (the agent, a dashboard): a snapshot of source {@value #SOURCE} tagged {@value #TAG}
 * and {@link SnapshotTags#database(String) db:<id>}, its path {@code <type>:<id>}.
 */
public final class DumpSnapshots {
    /** The source of every dump snapshot. */
    public static final String SOURCE = "dump";
    /** The tag of every dump snapshot. */
    public static final String TAG = "dump";

    private DumpSnapshots() {
    }

    /** Whether the snapshot is a logical dump. */
    public static boolean isDump(SnapshotInfo snapshot) {
        return SOURCE.equals(snapshot.source()) && snapshot.tags().contains(TAG);
    }

    /** The database a dump was taken of; empty for any other snapshot. */
    public static Optional<String> database(SnapshotInfo snapshot) {
        return isDump(snapshot) ? SnapshotTags.databaseOf(snapshot) : Optional.empty();
    }
}
