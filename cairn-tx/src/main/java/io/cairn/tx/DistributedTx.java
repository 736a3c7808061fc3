package io.cairn.tx;

/** A distributed transaction in progress: one branch per participating database. */
public interface DistributedTx {
    /** The statements of the branch on {@code db}, which must be one of the participants named. */
    Statements on(String db);

    /** The global transaction id (it names the coordinator, so recovery touches only its own branches). */
    String gid();

    /** Runs after every branch committed. */
    void afterCommit(Runnable hook);
}
