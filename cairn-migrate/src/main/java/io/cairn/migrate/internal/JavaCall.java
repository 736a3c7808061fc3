package io.cairn.migrate.internal;

import io.cairn.migrate.JavaMigration;
import io.cairn.migrate.MigrationContext;

/** The single step of a Java migration: its migrate or undo method. */
public record JavaCall(JavaMigration migration, boolean undo) {

    public void run(MigrationContext context) throws Exception {
        if (undo) {
            migration.undo(context);
        } else {
            migration.migrate(context);
        }
    }

    public String describe() {
        return "java: " + migration.getClass().getName() + (undo ? ".undo()" : ".migrate()");
    }
}
