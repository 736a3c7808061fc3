package io.cairn.events;

import io.cairn.tx.Tx;
import java.util.List;

/** What a {@link CommandHandler} works with: one transaction, its aggregates and its appends. */
public interface CommandContext {
    /** The command's transaction, for state changes besides events (they commit with the events). */
    Tx tx();

    /** The metadata every event of this command gets (causation: the command id). */
    EventMetadata metadata();

    /**
     * The aggregate {@code id} of {@code type}, from its latest snapshot and the events after it; a
     * new, empty one (version 0) when its stream does not exist. Events it raises are appended at
     * the version it was loaded at when the handler returns. Loading the same aggregate twice
     * returns the same object.
     */
    <A extends AggregateRoot> A load(Class<A> type, String id);

    /** Appends to any stream in this transaction (besides what the loaded aggregates raise). */
    AppendResult append(String stream, ExpectedVersion expected, List<?> events);
}
