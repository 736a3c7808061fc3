package io.cairn.migrate.internal;

/** The three kinds of migration file: V (versioned), U (undo of a version) and R (repeatable). */
public enum MigrationKind {
    VERSIONED,
    UNDO,
    REPEATABLE
}
