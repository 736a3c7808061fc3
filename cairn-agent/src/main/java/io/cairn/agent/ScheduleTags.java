package io.cairn.agent;

import io.cairn.repository.SnapshotInfo;
import java.util.Optional;

/**
 * The tag the agent puts on every snapshot a schedule writes, {@code schedule=<name>}: retention
 * after a run removes only snapshots carrying its schedule's tag ({@link ScopedRetention}), and
 * the admin API groups snapshots by it. A {@link JobRunner} that writes snapshots tags them with
 * {@link #of(String)} to get the same treatment.
 */
public final class ScheduleTags {
    private static final String SCHEDULE = "schedule=";

    private ScheduleTags() {
    }

    /** The tag for snapshots of schedule {@code name}. */
    public static String of(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a schedule tag needs a schedule name");
        }
        return SCHEDULE + name;
    }

    /** The schedule that wrote a snapshot; empty for snapshots written outside the agent's schedules. */
    public static Optional<String> scheduleOf(SnapshotInfo snapshot) {
        return snapshot.tags().stream().filter(tag -> tag.startsWith(SCHEDULE) && tag.length() > SCHEDULE.length())
                .map(tag -> tag.substring(SCHEDULE.length())).findFirst();
    }
}
