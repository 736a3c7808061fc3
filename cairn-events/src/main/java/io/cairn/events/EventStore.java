package io.cairn.events;

import io.cairn.tx.Tx;
import java.util.List;
import java.util.Optional;

/**
 * The events of one PostgreSQL database: streams appended with optimistic concurrency and read in
 * stream order or in the global order. Obtain it from {@code cairn.events().store(db)}. Thread-safe.
 *
 * <pre>{@code
 * store.append("order-42", ExpectedVersion.of(3), List.of(new OrderShipped("42")));
 * cairn.transactions().inTransaction("main", tx -> {            // several streams and other state, one commit
 *     store.append(tx, "order-42", ExpectedVersion.of(4), List.of(new OrderPaid("42")), EventMetadata.none());
 *     store.append(tx, "customer-7", ExpectedVersion.any(), List.of(new CreditUsed("7", 10)), EventMetadata.none());
 *     return tx.execute("UPDATE stock SET n = n - 1 WHERE sku = 'A-1'");
 * });
 * }</pre>
 */
public interface EventStore {
    /** The database id. */
    String db();

    /** Appends in a transaction of its own. */
    AppendResult append(String stream, ExpectedVersion expected, List<?> events);

    /** Appends with metadata, in a transaction of its own. */
    AppendResult append(String stream, ExpectedVersion expected, List<?> events, EventMetadata metadata);

    /**
     * Appends inside the caller's transaction on this database: the events commit (or not) with it.
     * Of K transactions appending at one expected version, one commits and the others get
     * {@link WrongExpectedVersionException} (waiting for the winner's outcome first, so that a rolled
     * back winner leaves the version free).
     */
    AppendResult append(Tx tx, String stream, ExpectedVersion expected, List<?> events, EventMetadata metadata);

    /** The events of {@code stream} after {@code afterVersion} (0: from the start), in stream order. */
    List<RecordedEvent> readStream(String stream, long afterVersion);

    /** The stream's current version (0 when it does not exist). */
    long version(String stream);

    /**
     * Up to {@code limit} events after {@code after} in the global order, only below the visibility
     * watermark: every event a later call returns comes after the last one this call returned.
     */
    List<RecordedEvent> readAll(Position after, int limit);

    /** The position of the last event that readers may see now (the head of the global order). */
    Optional<Position> head();

    /** The event types of this store: names, schema versions, upcasters. */
    EventTypes types();
}
