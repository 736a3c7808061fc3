package io.cairn.tx;

/**
 * What recovery did (or, in a dry run, would do) with one prepared branch.
 *
 * @param gid    the global transaction id
 * @param db     the database id
 * @param action what happened
 * @param detail the reason, or the error that kept it from finishing
 */
public record BranchResolution(String gid, String db, Action action, String detail) {
    public enum Action {
        COMMITTED, ROLLED_BACK, WOULD_COMMIT, WOULD_ROLL_BACK,
        /** Left alone: its transaction is still running in this process. */
        SKIPPED,
        /** Needs a person: the log cannot tell (damaged) — decide with {@code cairn tx resolve}. */
        HEURISTIC,
        /** The decided statement failed; recovery tries again on its next run. */
        FAILED
    }

    /** Whether this branch still needs attention after the run. */
    public boolean unresolved() {
        return action == Action.HEURISTIC || action == Action.FAILED;
    }
}
