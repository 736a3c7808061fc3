package io.cairn.agent.internal;

import java.util.List;
import java.util.Optional;

/** The snapshot tags the agent writes, so the API can tell which schedule and database a snapshot belongs to. */
public final class Tags {
    private static final String SCHEDULE = "schedule=";
    private static final String DATABASE = "db=";

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

    private static Optional<String> valueOf(List<String> tags, String prefix) {
        return tags.stream().filter(t -> t.startsWith(prefix)).map(t -> t.substring(prefix.length())).findFirst();
    }
}
