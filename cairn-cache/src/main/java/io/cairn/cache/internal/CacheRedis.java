package io.cairn.cache.internal;

import java.util.List;
import java.util.function.Consumer;

/**
 * The Redis operations the cache needs, each one round trip, behind which standalone Redis and
 * Redis Cluster differ. Every operation touches keys of one hash slot only (the keys of one entry
 * share a hash tag, see {@link RedisKeys}), so each works unchanged on a cluster; the invalidation
 * channel is classic PUBLISH/SUBSCRIBE on both (a cluster broadcasts it to every node).
 * Failures surface as runtime exceptions; {@link RedisGuard} decides what they mean.
 */
interface CacheRedis extends AutoCloseable {
    /** The value and the current version of one entry (MGET of its data and version keys). */
    Fetched fetch(String dataKey, String versionKey);

    /** {@link #fetch} for many entries in one pipelined round trip. */
    List<Fetched> fetchAll(List<String[]> dataAndVersionKeys);

    /** Writes {@code value} with a TTL only if the version key still reads {@code expectedVersion}. */
    boolean putIfVersion(String dataKey, String versionKey, long expectedVersion, byte[] value, long ttlMillis);

    /** Raises the version (keeping it for {@code versionTtlMillis}), deletes the data; returns the new version. */
    long invalidate(String dataKey, String versionKey, long versionTtlMillis);

    /** SET NX PX: the lease on loading one key, holding {@code token} as its fencing value. */
    boolean tryLease(String leaseKey, String token, long ttlMillis);

    /** Deletes the lease if it still holds {@code token}. */
    void releaseLease(String leaseKey, String token);

    /** Whether a lease is held. */
    boolean leaseHeld(String leaseKey);

    /** GET of several keys of one slot (query cache: data and tag versions). */
    List<byte[]> getAll(List<String> keys);

    /** SET with a TTL. */
    void put(String key, byte[] value, long ttlMillis);

    /** INCR with a TTL refresh; returns the new value. */
    long increment(String key, long ttlMillis);

    /** Deletes every key matching a glob pattern (SCAN; on a cluster, on every master); returns how many. */
    long deleteMatching(String pattern);

    /** Publishes on the invalidation channel; returns how many subscribers received it. */
    long publish(String channel, String message);

    /**
     * Subscribes to {@code channel} on a connection of its own. {@code onMessage} gets each message;
     * {@code onBroken} is called once when that connection is lost.
     */
    Subscription subscribe(String channel, Consumer<String> onMessage, Runnable onBroken);

    /** One open subscription. */
    interface Subscription extends AutoCloseable {
        boolean isOpen();

        @Override
        void close();
    }

    /** The data bytes (null when absent) and the version (0 when never invalidated). */
    record Fetched(byte[] data, long version) {
    }

    @Override
    void close();
}
