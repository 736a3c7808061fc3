package io.cairn.agent.internal;

import io.cairn.repository.SnapshotInfo;
import java.util.List;
import java.util.Optional;

/** The snapshot tags the agent writes, so the API can tell which schedule and database a snapshot belongs to. */
public final class Tags {
    private static final String SCHEDULE = "schedule=";
    private static final String DATABASE = "db=";

    public static final String KIND_PG_BACKUP = "pg-backup";
    public static final String KIND_PG_WAL = "pg-wal";
    public static final String KIND_DUMP = "dump";
    public static final String KIND_FILES = "files";

    private Tags() {
    }

    public static String schedule(String name) {
        return SCHEDULE + name;
    }

    public static String database(String id) {
        return DATABASE + id;
    }

    public static Optional<String> scheduleOf(List<String> tags) {
        return valueOf(tags, SCHEDULE);
    }

    /** The database of a snapshot: the agent's {@code db=} tag, or the {@code db:} tag PostgreSQL base backups carry. */
    public static Optional<String> databaseOf(List<String> tags) {
        return valueOf(tags, DATABASE).or(() -> valueOf(tags, "db:"));
    }

    /** What a snapshot holds: pg-backup, pg-wal (archived WAL), dump, or files (anything else). */
    public static String kindOf(SnapshotInfo snapshot) {
        List<String> tags = snapshot.tags();
        if (tags.contains(KIND_PG_BACKUP) && snapshot.source().startsWith("postgresql:")) {
            return KIND_PG_BACKUP;
        }
        if (tags.contains(KIND_PG_WAL) && snapshot.source().startsWith("postgresql-wal:")) {
            return KIND_PG_WAL;
        }
        if (tags.contains(KIND_DUMP) && snapshot.source().equals("dump")) {
            return KIND_DUMP;
        }
        return KIND_FILES;
    }

    private static Optional<String> valueOf(List<String> tags, String prefix) {
        return tags.stream().filter(t -> t.startsWith(prefix)).map(t -> t.substring(prefix.length())).findFirst();
    }
}
