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

    /**
     * Writes a message into this database's outbox table, in this transaction: it is delivered
     * after (and only if) the transaction commits, at least once, in order per topic and key, by
     * {@code cairn.transactions().outbox(db)}. Returns the message id, its idempotency key.
     *
     * @param topic   what it is about, 1-200 characters ("orders")
     * @param key     ordering key, 1-200 characters (e.g. the aggregate id); one key's messages go one at a time
     * @param payload the message text, usually JSON (binary data: Base64)
     */
    String outbox(String topic, String key, String payload);

    /** Runs after this attempt rolled back (including before each retry), on the caller's thread. */
    void afterRollback(Runnable hook);
}
