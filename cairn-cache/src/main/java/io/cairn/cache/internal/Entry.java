package io.cairn.cache.internal;

/**
 * One L1 entry: a value, "no value" (negative), or a tombstone left by an invalidation so that a
 * load which began before it cannot put an older value back (the version fence).
 *
 * @param value     the value; null when absent or a tombstone
 * @param kind      what it is
 * @param version   the entry's version: the version key's value when the load began, or the
 *                  invalidation's version for a tombstone
 * @param epoch     the channel epoch it was installed in (a flush raises the epoch)
 * @param loadedAt  ticker reading when it was loaded (refresh-ahead)
 * @param lifetime  nanoseconds until it expires
 * @param weight    bytes it counts for with max-weight
 */
record Entry(Object value, Kind kind, long version, long epoch, long loadedAt, long lifetime, int weight) {
    enum Kind { VALUE, ABSENT, TOMBSTONE }

    boolean servable(long currentEpoch) {
        return kind != Kind.TOMBSTONE && epoch == currentEpoch;
    }

    Entry installed(long newEpoch, long newLifetime) {
        return new Entry(value, kind, version, newEpoch, loadedAt, newLifetime, weight);
    }
}
