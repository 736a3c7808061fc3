package io.cairn.migrate;

/**
 * Told about each statement just before it runs, e.g. to show progress or to record what ran.
 * Called on the migrating thread; must not throw.
 */
public interface MigrationListener {

    /** Before a migration (versioned, repeatable or undo) starts. */
    default void beforeMigration(String database, String script) {
    }

    /** Before one statement (SQL statement, Redis command, MongoDB command, Java call) runs. */
    default void beforeStatement(String database, String script, PlannedStatement statement) {
    }

    MigrationListener NONE = new MigrationListener() {
    };
}
