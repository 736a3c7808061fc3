package io.cairn.cache;

/**
 * The counters of one cache in one JVM (the same as its {@code cairn.cache.*} meters).
 *
 * @param name              the cache
 * @param l1Hits            gets answered by this JVM's L1
 * @param l2Hits            gets answered by Redis
 * @param misses            gets that went to the loader (or waited for another JVM's load)
 * @param loads             loader calls made in this JVM
 * @param loadFailures      loader calls that threw
 * @param evictions         L1 entries evicted for size or weight
 * @param invalidations     invalidations applied to this JVM's L1 (local and from other JVMs)
 * @param stalePrevented    loads or L2 values refused because an invalidation with a newer version had arrived
 * @param l1Flushes         whole-L1 flushes because the invalidation channel broke or came back
 * @param l1Size            entries in L1 now
 * @param redisAvailable    whether Redis answers now (false while the circuit breaker is open)
 */
public record CacheStats(String name, long l1Hits, long l2Hits, long misses, long loads, long loadFailures,
        long evictions, long invalidations, long stalePrevented, long l1Flushes, long l1Size, boolean redisAvailable) {

    /** Hits of both levels over all gets; 0 before the first get. */
    public double hitRatio() {
        long gets = l1Hits + l2Hits + misses;
        return gets == 0 ? 0 : (double) (l1Hits + l2Hits) / gets;
    }

    /** L1 hits over all gets. */
    public double l1HitRatio() {
        long gets = l1Hits + l2Hits + misses;
        return gets == 0 ? 0 : (double) l1Hits / gets;
    }
}
