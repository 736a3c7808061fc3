package io.cairn.tx;

import java.util.List;

/**
 * The transactional outbox of one SQL database, from {@code cairn.transactions().outbox("main")}:
 * messages written with {@link Tx#outbox} commit or roll back with the transaction's other writes,
 * and a dispatcher delivers the committed ones afterwards, at least once, one at a time and in order
 * per topic and key, to a handler — the honest alternative to two-phase commit for systems that
 * cannot take part in it (Redis, MongoDB, brokers, HTTP APIs).
 *
 * <pre>{@code
 * tx.inTransaction("main", t -> {
 *     t.execute("UPDATE orders SET state = 'paid' WHERE id = ?", 42);
 *     return t.outbox("orders", "42", "{\"id\":42,\"state\":\"paid\"}");
 * });
 * Outbox outbox = cairn.transactions().outbox("main");
 * try (OutboxDispatcher d = outbox.start(outbox.toRedis("cache"))) { … }
 * }</pre>
 *
 * <p>Thread-safe. docs/transactions.md describes the table, the guarantees and the settings.
 */
public interface Outbox {
    /** The database whose outbox this is. */
    String db();

    /**
     * Creates the outbox table and its indexes if missing (on a connection of its own, committed).
     * Also done on first use; calling it at start keeps that extra connection out of the first
     * transaction that writes a message.
     */
    void ensureSchema();

    /**
     * One pass on the caller's thread: claims up to {@code batch-size} due messages (the oldest of
     * each key, skipping those another dispatcher holds), hands each to {@code handler}, and marks
     * it delivered, or schedules its next attempt, or parks it — all committed together at the end.
     */
    DispatchResult dispatchOnce(OutboxHandler handler);

    /** Starts a background dispatcher with {@code handler}; close it to stop. */
    OutboxDispatcher start(OutboxHandler handler);

    /** Pending and parked messages and the age of the oldest pending one (also published as metrics). */
    OutboxStatus status();

    /** The parked messages, oldest first (at most 1000). */
    List<ParkedMessage> parked();

    /** Offers a parked message again now, with a fresh count of attempts; false if no such parked message. */
    boolean retry(String messageId);

    /**
     * Gives up on a parked message: it is marked delivered without delivery, releasing the later
     * messages of its key; false if no such parked message.
     */
    boolean discard(String messageId);

    /** Deletes messages delivered longer than {@code retention} ago; the number deleted. Dispatchers do this too. */
    long purge();

    /**
     * A handler that appends each message to the Redis stream {@code cairn:outbox:{<topic>}} of
     * {@code redisDb} (fields id, topic, key, payload), once per message id: a Lua script skips a
     * message whose marker key {@code cairn:outbox:{<topic>}:seen:<id>} exists and sets it with the
     * append, so a redelivery leaves one entry (within {@code dedupe-window}).
     */
    OutboxHandler toRedis(String redisDb);

    /**
     * A handler that upserts each message into {@code collection} of the MongoDB database
     * {@code mongoDb} as a document whose {@code _id} is the message id ({@code $setOnInsert}), so a
     * redelivery leaves one document.
     */
    OutboxHandler toMongo(String mongoDb, String collection);
}
