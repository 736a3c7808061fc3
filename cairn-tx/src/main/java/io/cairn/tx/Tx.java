package io.cairn.tx;

/** A local transaction on one database, lent to the closure of {@link Transactions#inTransaction}. */
public interface Tx extends Statements {
    /** The options this transaction runs with. */
    TxOptions options();

    /**
     * Runs {@code work} inside a savepoint: if it throws, only its statements are rolled back and
     * the exception propagates to the caller, who may catch it and go on. Savepoints nest.
     */
    void savepoint(TxAction work);

    /** Runs after this transaction committed (once, even if it was retried), on the caller's thread. */
    void afterCommit(Runnable hook);

    /** Runs after this attempt rolled back (including before each retry), on the caller's thread. */
    void afterRollback(Runnable hook);
}
