package io.cairn.tx;

/**
 * A running dispatcher of one database's outbox (from {@link Outbox#start}): a background thread
 * that delivers committed messages as soon as a transaction of this process commits one, and every
 * poll interval for the rest. Several may run, in one or many processes: each message is delivered
 * by one at a time.
 */
public interface OutboxDispatcher extends AutoCloseable {
    /** The database whose outbox this dispatcher delivers. */
    String db();

    /** Asks for a pass now (after-commit hooks of this process do this on their own). */
    void nudge();

    /** Stops the thread after the pass under way; a message in flight is offered again if not marked. */
    @Override
    void close();
}
