package io.cairn.cache;

import io.cairn.tx.Tx;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One named two-level cache: L1 in this JVM (Caffeine), L2 shared in Redis, the loader last.
 * Obtain it from {@code cairn.cache().named("customers", Customer.class)}. Thread-safe.
 *
 * <pre>{@code
 * Customer c = customers.get("42", id -> loadFromDb(id));      // L1 → L2 → loader, once per key cluster-wide
 * tx.inTransaction("main", t -> { ...; customers.invalidateAfterCommit(t, "42"); });
 * }</pre>
 *
 * @param <K> the key type (keys are written to Redis as their {@code toString()})
 * @param <V> the value type
 */
public interface Cache<K, V> {
    /** The cache's name (its {@code cache.caches:} entry). */
    String name();

    /**
     * The value of {@code key}: from L1, else L2, else from {@code loader}, which runs at most once at a
     * time per key in this JVM and, while Redis is reachable, in every JVM (a lease in Redis). A loader
     * returning null means "no value": that is cached for {@code negative-ttl} and null is returned.
     */
    V get(K key, Function<? super K, ? extends V> loader);

    /** As {@link #get(Object, Function)} with the loader given when the cache was opened. */
    V get(K key);

    /** The value if L1 or L2 holds one; never loads. */
    Optional<V> getIfPresent(K key);

    /**
     * The values of {@code keys} that exist: from L1, then L2 in one round trip, the rest from one
     * call of {@code loader} (keys it leaves out are cached as absent).
     */
    Map<K, V> getAll(Collection<? extends K> keys, Function<? super Set<K>, ? extends Map<? extends K, ? extends V>> loader);

    /**
     * Drops {@code key} now everywhere: L2 is deleted and its version raised, every JVM's L1 is told
     * (carrying that version, so a load that began before cannot put the old value back). Call it only
     * after the change is committed: see {@link #invalidateAfterCommit}.
     */
    void invalidate(K key);

    /** Invalidates {@code key} once {@code tx} has committed (never before; nothing on rollback). */
    void invalidateAfterCommit(Tx tx, K key);

    /** Drops every entry of this cache in L2 and in every JVM's L1. */
    void invalidateAll();

    /**
     * Loads the keys of the {@code warm:} query (or none) with the cache's loader into L1 and L2;
     * returns how many were loaded.
     */
    WarmResult warm();

    /** Counters of this cache in this JVM since it opened. */
    CacheStats stats();
}
