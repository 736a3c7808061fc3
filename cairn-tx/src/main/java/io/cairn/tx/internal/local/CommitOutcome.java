package io.cairn.tx.internal.local;

/**
 * What became of a transaction whose COMMIT got no answer.
 *
 * @param how one line saying how the outcome was found (or why it could not be), for messages
 */
record CommitOutcome(State state, String how) {
    enum State {
        /** The server committed it: report success, never re-run. */
        COMMITTED,
        /** The server rolled it back: nothing was applied, the body may run again. */
        ABORTED,
        /** Nobody can tell: report it, never re-run. */
        UNKNOWN
    }

    static CommitOutcome committed(String how) {
        return new CommitOutcome(State.COMMITTED, how);
    }

    static CommitOutcome aborted(String how) {
        return new CommitOutcome(State.ABORTED, how);
    }

    static CommitOutcome unknown(String how) {
        return new CommitOutcome(State.UNKNOWN, how);
    }
}
