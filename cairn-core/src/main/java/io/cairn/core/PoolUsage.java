package io.cairn.core;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Connections of one database at a moment. For SQL databases this is the HikariCP pool; for
 * MongoDB the driver's pool; for Redis the single shared connection (max 1, idle 1 when open).
 */
public record PoolUsage(int active, int idle, int waiting, int max) {

    public static PoolUsage empty(int max) {
        return new PoolUsage(0, 0, 0, max);
    }

    /** Every connection is in use and callers are queueing for one. */
    @JsonIgnore
    public boolean isSaturated() {
        return waiting > 0 && active >= max;
    }
}
