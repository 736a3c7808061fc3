package io.cairn.migrate;

/** Where one migration stands on one database. */
public enum MigrationState {
    /** Applied and unchanged since. */
    APPLIED,
    /** Not applied yet; {@code migrate} will run it. */
    PENDING,
    /** Its last run failed (on a database without transactional DDL, or a non-transactional file). */
    FAILED,
    /** Applied, but the file changed since (checksum or description). */
    DRIFT,
    /** Applied, but its file is gone. */
    MISSING,
    /** Applied by a newer release: its version is above every file here. */
    FUTURE,
    /** A repeatable migration whose file changed: {@code migrate} will run it again. */
    OUTDATED,
    /** Not applied, below the current version, and out-of-order migrations are not allowed. */
    IGNORED,
    /** The baseline entry. */
    BASELINE,
    /** At or below the baseline: never runs. */
    BELOW_BASELINE
}
