package io.cairn.cache;

import io.cairn.tx.Tx;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A cache of query results for the read side: a result is keyed by its query text and parameters
 * and carries tags ({@code "customer:42"}); invalidating a tag drops every result that carries it,
 * in every JVM. Obtain it from {@code cairn.cache().queries("orders")}. Thread-safe.
 *
 * <pre>{@code
 * List<Order> open = q.get("SELECT ... WHERE customer = ?", List.of(42), Set.of("customer:42"), Order[].class, loader);
 * q.invalidateTag("customer:42");                  // from a command handler, after its commit
 * q.invalidator().invalidate(List.of("customer:42"));  // the hook a projection calls
 * }</pre>
 */
public interface QueryCache {
    String name();

    /**
     * The result of {@code query} with {@code params}: from L1 or L2 while none of its {@code tags}
     * was invalidated since it was loaded, else from {@code loader} (stored with the tags' versions
     * read before it ran, so an invalidation during the load is never lost).
     */
    <T> T get(String query, List<?> params, Set<String> tags, Class<T> type, Supplier<? extends T> loader);

    /** Drops every result carrying {@code tag}, in L2 and every JVM's L1. */
    void invalidateTag(String tag);

    /** Invalidates {@code tag} once {@code tx} has committed (never before; nothing on rollback). */
    void invalidateTagAfterCommit(Tx tx, String tag);

    /** The hook for command handlers and projections: invalidate these tags now. */
    TagInvalidator invalidator();
}
