package io.cairn.repository;

import java.util.List;
import java.util.Optional;

/**
 * The tag that names the configured database a snapshot holds data of: {@code db:<id>}. Every
 * module that stores a database's data writes it (cairn-backup on base backups and WAL,
 * cairn-dump on dumps, the agent on file backups of a schedule with {@code db:}), so it is
 * defined once here, below all of them, and read only through {@link #databaseOf}.
 */
public final class SnapshotTags {
    private static final String DATABASE = "db:";
    /** What agents wrote on file backups and dumps before the tag was shared; still read. */
    private static final String LEGACY_DATABASE = "db=";

    private SnapshotTags() {
    }

    /** The tag to write on a snapshot of database {@code db}: {@code db:<db>}. */
    public static String database(String db) {
        if (db == null || db.isBlank()) {
            throw new IllegalArgumentException("a database tag needs a database id");
        }
        return DATABASE + db;
    }

    /**
     * The database a snapshot belongs to: its {@code db:<id>} tag, else the {@code db=<id>} tag
     * older agents wrote; empty when it has neither.
     */
    public static Optional<String> databaseOf(SnapshotInfo snapshot) {
        return valueOf(snapshot.tags(), DATABASE).or(() -> valueOf(snapshot.tags(), LEGACY_DATABASE));
    }

    private static Optional<String> valueOf(List<String> tags, String prefix) {
        return tags.stream().filter(tag -> tag.startsWith(prefix) && tag.length() > prefix.length())
                .map(tag -> tag.substring(prefix.length())).findFirst();
    }
}
