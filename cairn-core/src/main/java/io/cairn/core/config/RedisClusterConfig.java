package io.cairn.core.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Redis Cluster settings of one database ({@code cluster:}), used only with a
 * {@code redis-cluster://} (or {@code rediss-cluster://}) URL.
 *
 * @param topologyRefresh how often the client re-reads the slot map from the nodes; 0 turns the
 *                        periodic refresh off (adaptive refresh still runs when enabled)
 * @param adaptiveRefresh re-read the slot map at once on MOVED/ASK redirects, reconnects and
 *                        unknown nodes, rather than waiting for the next periodic refresh
 * @param readFrom        which nodes serve reads
 */
public record RedisClusterConfig(Duration topologyRefresh, boolean adaptiveRefresh, ReadFrom readFrom) {
    public static final Duration DEFAULT_TOPOLOGY_REFRESH = Duration.ofSeconds(60);
    public static final boolean DEFAULT_ADAPTIVE_REFRESH = true;
    public static final ReadFrom DEFAULT_READ_FROM = ReadFrom.MASTER;

    static final Set<String> KEYS = Keys.of("topology-refresh", "adaptive-refresh", "read-from");

    /** Which cluster nodes serve read commands. */
    public enum ReadFrom {
        /** Every command goes to the master of its slot: reads see every acknowledged write. */
        MASTER("master"),
        /** Reads go to a replica of the slot's master when one is up (they may lag), else to the master. */
        REPLICA_PREFERRED("replica-preferred");

        private final String configName;

        ReadFrom(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }

        static Map<String, ReadFrom> byConfigName() {
            Map<String, ReadFrom> names = new LinkedHashMap<>();
            for (ReadFrom each : values()) {
                names.put(each.configName, each);
            }
            return names;
        }

        @Override
        public String toString() {
            return configName;
        }
    }

    public RedisClusterConfig {
        Objects.requireNonNull(topologyRefresh, "topology-refresh");
        Objects.requireNonNull(readFrom, "read-from");
        PoolConfig.require(!topologyRefresh.isNegative(), "cluster topology-refresh must not be negative");
        PoolConfig.require(topologyRefresh.isZero() || topologyRefresh.compareTo(Duration.ofSeconds(1)) >= 0,
                "cluster topology-refresh must be 0 (off) or at least 1s");
    }

    public static RedisClusterConfig defaults() {
        return new RedisClusterConfig(DEFAULT_TOPOLOGY_REFRESH, DEFAULT_ADAPTIVE_REFRESH, DEFAULT_READ_FROM);
    }

    public RedisClusterConfig withReadFrom(ReadFrom newReadFrom) {
        return new RedisClusterConfig(topologyRefresh, adaptiveRefresh, newReadFrom);
    }

    public RedisClusterConfig withTopologyRefresh(Duration newRefresh) {
        return new RedisClusterConfig(newRefresh, adaptiveRefresh, readFrom);
    }

    static RedisClusterConfig from(ConfigSection section) {
        section.requireOnlyKeys(KEYS);
        Duration refresh = section.duration("topology-refresh", DEFAULT_TOPOLOGY_REFRESH);
        if (!refresh.isZero() && refresh.compareTo(Duration.ofSeconds(1)) < 0) {
            throw section.error("topology-refresh", "must be 0 (off) or at least 1s, got " + Values.format(refresh),
                    "example: cluster: { topology-refresh: 60s }");
        }
        return new RedisClusterConfig(refresh, section.bool("adaptive-refresh", DEFAULT_ADAPTIVE_REFRESH),
                section.optionalChoice("read-from", ReadFrom.byConfigName()).orElse(DEFAULT_READ_FROM));
    }
}
