package io.cairn.migrate;

import java.util.Optional;

/**
 * A migration written in Java, registered with {@link Migrations.Builder#javaMigration}. It takes
 * its place among the files by {@link #version()}; on SQL databases it runs on the migration's
 * connection, inside the same transaction as the history row where the database allows.
 */
public interface JavaMigration {

    /** The version, e.g. "3" or "2.1"; must not clash with a file's version. */
    String version();

    String description();

    void migrate(MigrationContext context) throws Exception;

    /** True when {@link #undo} reverses {@link #migrate}; {@code cairn migrate undo} needs it. */
    default boolean canUndo() {
        return false;
    }

    /** Reverses {@link #migrate}; called only when {@link #canUndo()} is true. */
    default void undo(MigrationContext context) throws Exception {
        throw new IllegalStateException(getClass().getName() + " cannot undo");
    }

    /** A checksum recorded in the history so a change can be detected; none by default. */
    default Optional<Integer> checksum() {
        return Optional.empty();
    }
}
