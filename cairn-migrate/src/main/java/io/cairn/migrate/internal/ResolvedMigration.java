package io.cairn.migrate.internal;

import io.cairn.migrate.JavaMigration;
import io.cairn.migrate.MigrationVersion;
import java.util.Optional;

/**
 * A migration found in the location or registered in code.
 *
 * @param script   the file's path relative to the location ({@code V1__init.sql}), or the Java class name
 * @param type     the history type: SQL, REDIS, MONGO or JAVA
 * @param content  the file's text; empty for Java migrations
 * @param checksum the checksum of the normalized text; empty for Java migrations without one
 */
public record ResolvedMigration(MigrationKind kind, Optional<MigrationVersion> version, String description,
                                String type, String script, Optional<String> content, Optional<Integer> checksum,
                                Optional<JavaMigration> java) {

    /** "V3 (add orders)" or "repeatable (views)" for messages. */
    public String label() {
        return version.map(v -> (kind == MigrationKind.UNDO ? "U" : "V") + v).orElse("repeatable") + " ("
                + description + ")";
    }

    public Optional<String> versionText() {
        return version.map(MigrationVersion::toString);
    }
}
