package io.cairn.events;

import io.cairn.tx.Tx;

/** The transaction of one projected batch and where to write. */
public interface ProjectionContext {
    /** The batch's transaction (it also moves the checkpoint). */
    Tx tx();

    /** The table of the generation being written, e.g. {@code orders_by_customer_g2}. */
    String table();

    /** The projection's name, also the name of the view readers query. */
    String projection();

    /**
     * Names a cache tag this batch made stale; after the batch commits, every
     * {@link ProjectionListener} gets the batch's tags (a query cache evicts them).
     */
    void invalidate(String tag);
}
