package io.cairn.tx;

/** What the coordinator log says about a prepared branch, and so what recovery does with it. */
public enum LoggedOutcome {
    /** The commit decision is logged: recovery commits the branch. */
    COMMIT,
    /** An operator decided to roll back ({@code cairn tx resolve --rollback}): recovery rolls it back. */
    ROLLBACK,
    /** No decision: the transaction never decided to commit, so recovery rolls the branch back (presumed abort). */
    PRESUMED_ABORT,
    /** The transaction is still running in this process: recovery leaves it alone. */
    IN_PROGRESS,
    /** The log is damaged, so a missing decision proves nothing: a person decides with {@code cairn tx resolve}. */
    UNKNOWN
}
