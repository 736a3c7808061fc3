package io.cairn.core;

/**
 * Every failure Cairn reports has one of these codes; the CLI turns it into the process exit
 * code, so the numbers are part of the public contract (documented in docs/exit-codes.md).
 * Add codes at the end of a group; never renumber.
 */
public enum ErrorCode {
    /** Some database is degraded or down (health), or a check found problems. */
    UNHEALTHY(1, "a database or check is not healthy"),
    /** Wrong command-line usage: unknown option, missing argument. */
    USAGE(2, "wrong command-line usage"),
    /** The configuration file is missing, malformed or invalid. */
    CONFIG(2, "invalid configuration"),
    /** A server could not be reached (refused, timed out, unknown host). */
    CONNECTION_FAILED(3, "a server could not be reached"),
    /** The server refused the credentials. */
    AUTHENTICATION_FAILED(4, "credentials were refused"),
    /** The server or file system refused an operation for lack of privilege. */
    PERMISSION_DENIED(5, "permission denied"),
    /** A named thing (database, snapshot, backup, file) does not exist. */
    NOT_FOUND(6, "not found"),
    /** Stored data failed verification: corrupt file, bad checksum, failed AEAD tag. */
    INTEGRITY(7, "stored data failed verification"),
    /** The repository passphrase or key is wrong. */
    WRONG_KEY(8, "wrong passphrase or key"),
    /** Another process holds a lock that this operation needs. */
    LOCKED(9, "locked by another process"),
    /** Local or remote storage failed: disk full, I/O error, bucket unreachable. */
    STORAGE(10, "storage failed"),
    /** The target of an operation is not in the state it must be in (e.g. directory not empty). */
    PRECONDITION(11, "a precondition does not hold"),
    /** A server-side operation failed (SQL error, command error). */
    DATABASE_ERROR(12, "the database reported an error"),
    /** A required external program or server binary is missing or too old. */
    MISSING_DEPENDENCY(13, "a required program is missing"),
    /** A bug in Cairn: an unexpected exception. */
    INTERNAL(70, "internal error"),
    /** Interrupted by the user (Ctrl-C) or a shutdown. */
    INTERRUPTED(130, "interrupted");

    private final int exitCode;
    private final String summary;

    ErrorCode(int exitCode, String summary) {
        this.exitCode = exitCode;
        this.summary = summary;
    }

    /** The process exit code the CLI returns for this error. */
    public int exitCode() {
        return exitCode;
    }

    /** A short description for the exit-code table in the docs. */
    public String summary() {
        return summary;
    }
}
