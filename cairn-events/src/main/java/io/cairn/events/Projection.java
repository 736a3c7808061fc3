package io.cairn.events;

/**
 * A read model built from the global order of events. The daemon calls {@link #apply} for each
 * event in order, in batches, each batch in one transaction that also moves the projection's
 * checkpoint: the read model and the checkpoint commit together, so each event's effect lands exactly
 * once, whatever crashes. Write only through {@link ProjectionContext#tx()} and into
 * {@link ProjectionContext#table()}: a rebuild builds a new table aside and then swaps the view
 * named after the projection to it, so readers query the view. A throw pauses the projection on that
 * event (after {@code max-attempts}); it is never skipped silently.
 */
public interface Projection {
    /** Creates the read-model table {@code ctx.table()} (for the first generation and each rebuild). */
    void create(ProjectionContext ctx) throws Exception;

    /** Applies one event to {@code ctx.table()}; ignore the types this projection does not care about. */
    void apply(RecordedEvent event, ProjectionContext ctx) throws Exception;
}
