package io.cairn.core.internal.redis;

import io.cairn.core.CairnException;
import io.cairn.core.DatabaseHealth;
import io.cairn.core.PoolUsage;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.failure.RedisFailures;
import io.cairn.core.internal.AdapterContext;
import io.cairn.core.internal.HealthVerdict;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode.NodeFlag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The health of a Redis Cluster: DOWN when no seed answers (nothing to ask); DEGRADED when the
 * cluster says it is not ok, when a master serving slots or a replica does not answer Cairn's
 * PING, when slots have no reachable master, or when a master has no reachable replica (one more
 * failure would lose its slots); UP otherwise (subject to the usual latency rule). The reason names
 * the failing node by host:port. Every known node is pinged in parallel, so one dead node costs
 * at most the connect timeout, not one timeout per node.
 */
final class ClusterHealthProbe {
    private static final int SLOTS = 16384;

    private final AdapterContext context;
    private final DatabaseConfig config;
    private final RedisFailures failures;

    ClusterHealthProbe(AdapterContext context, RedisFailures failures) {
        this.context = context;
        this.config = context.config();
        this.failures = failures;
    }

    /** {@code refresh} re-reads the slot map first, so the check sees roles as they are now. */
    DatabaseHealth check(Supplier<StatefulRedisClusterConnection<String, String>> connect, Runnable refresh,
                         Supplier<PoolUsage> pool) {
        long start = System.nanoTime();
        StatefulRedisClusterConnection<String, String> connection;
        try {
            connection = connect.get();
        } catch (CairnException e) {
            return down(start, pool, e.getMessage());
        }
        try {
            refresh.run();
        } catch (RedisException e) {
            // the pings below name the nodes that do not answer
        }
        List<RedisClusterNode> nodes = new ArrayList<>(connection.getPartitions().getPartitions());
        Map<RedisClusterNode, CompletableFuture<String>> pings = new LinkedHashMap<>();
        for (RedisClusterNode node : nodes) {
            pings.put(node, connection.getConnectionAsync(node.getUri().getHost(), node.getUri().getPort())
                    .thenCompose(link -> link.async().ping().toCompletableFuture()));
        }
        long deadline = System.nanoTime() + config.connectTimeout().toNanos();
        Map<RedisClusterNode, String> failed = new LinkedHashMap<>();
        List<RedisClusterNode> answered = new ArrayList<>();
        for (Map.Entry<RedisClusterNode, CompletableFuture<String>> ping : pings.entrySet()) {
            Optional<String> failure = outcome(ping.getValue(), deadline);
            if (failure.isPresent()) {
                failed.put(ping.getKey(), failure.get());
            } else {
                answered.add(ping.getKey());
            }
        }
        Optional<RedisClusterNode> asked = answered.stream().filter(ClusterHealthProbe::servesSlots).findFirst()
                .or(() -> answered.stream().findFirst());
        if (asked.isEmpty()) {
            return down(start, pool, "no node of the cluster answers: " + describe(failed, nodes));
        }
        try {
            StatefulRedisConnection<String, String> link = connection.getConnection(asked.get().getUri().getHost(),
                    asked.get().getUri().getPort());
            long sent = System.nanoTime();
            String info = link.sync().clusterInfo();
            Duration latency = Duration.ofNanos(System.nanoTime() - sent);
            Optional<String> version = ServerInfo.version(link.sync().info("server"));
            List<String> problems = problems(info, asked.get(), nodes, answered, failed);
            if (!problems.isEmpty()) {
                return HealthVerdict.degraded(config, context.clock(), latency, version, pool.get(),
                        String.join("; ", problems));
            }
            return HealthVerdict.answered(config, context.clock(), latency, version, pool.get(), false);
        } catch (RedisException e) {
            return down(start, pool, failures.running(e, "CLUSTER INFO").toException(1).getMessage());
        }
    }

    private List<String> problems(String clusterInfo, RedisClusterNode asked, List<RedisClusterNode> nodes,
                                  List<RedisClusterNode> answered, Map<RedisClusterNode, String> failed) {
        List<String> problems = new ArrayList<>();
        String state = field(clusterInfo, "cluster_state").orElse("unknown");
        if (!"ok".equals(state)) {
            problems.add("cluster_state:" + state + " (reported by " + address(asked) + ")");
        }
        failed.forEach((node, reason) -> problems.add(role(node, nodes) + " does not answer: " + reason));
        int served = 0;
        for (RedisClusterNode master : answered) {
            if (!servesSlots(master) || master.is(NodeFlag.FAIL)) {
                continue;
            }
            served += master.getSlots().size();
            boolean replicated = answered.stream().anyMatch(node -> master.getNodeId().equals(node.getSlaveOf()));
            if (!replicated) {
                problems.add("master " + address(master) + " (slots " + ranges(master.getSlots())
                        + ") has no reachable replica");
            }
        }
        if (served < SLOTS) {
            problems.add((SLOTS - served) + " of " + SLOTS + " slots have no reachable master");
        }
        return problems;
    }

    /** Empty when the ping answered before the deadline; else why not. */
    private Optional<String> outcome(CompletableFuture<String> ping, long deadline) {
        try {
            ping.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return Optional.empty();
        } catch (TimeoutException e) {
            ping.cancel(true);
            return Optional.of("no answer within connect-timeout " + config.connectTimeout().toMillis() + "ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return Optional.of(context.messages().networkReason(cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private static boolean servesSlots(RedisClusterNode node) {
        return node.is(NodeFlag.UPSTREAM) && !node.getSlots().isEmpty();
    }

    private static String role(RedisClusterNode node, List<RedisClusterNode> nodes) {
        if (servesSlots(node)) {
            return "master " + address(node) + " (slots " + ranges(node.getSlots()) + ")";
        }
        if (node.getSlaveOf() != null) {
            Optional<String> master = nodes.stream().filter(other -> node.getSlaveOf().equals(other.getNodeId()))
                    .map(ClusterHealthProbe::address).findFirst();
            return "replica " + address(node) + master.map(m -> " of " + m).orElse("");
        }
        return "node " + address(node) + (node.is(NodeFlag.FAIL) ? " (marked failed)" : "");
    }

    private static String describe(Map<RedisClusterNode, String> failed, List<RedisClusterNode> nodes) {
        List<String> parts = new ArrayList<>();
        failed.forEach((node, reason) -> parts.add(address(node) + " (" + reason + ")"));
        return parts.isEmpty() ? "no nodes known" : String.join(", ", parts);
    }

    static String address(RedisClusterNode node) {
        return node.getUri().getHost() + ":" + node.getUri().getPort();
    }

    /** 0-5460,5462 rather than 5461 numbers. */
    static String ranges(List<Integer> slots) {
        List<Integer> sorted = slots.stream().sorted().toList();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < sorted.size(); i++) {
            int from = sorted.get(i);
            int to = from;
            while (i + 1 < sorted.size() && sorted.get(i + 1) == to + 1) {
                to = sorted.get(++i);
            }
            out.append(out.length() == 0 ? "" : ",").append(from).append(from == to ? "" : "-" + to);
        }
        return out.toString();
    }

    private static Optional<String> field(String info, String name) {
        return info.lines().filter(line -> line.startsWith(name + ":"))
                .map(line -> line.substring(name.length() + 1).trim()).findFirst();
    }

    private DatabaseHealth down(long start, Supplier<PoolUsage> pool, String message) {
        String prefix = context.messages().prefix();
        String error = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        return HealthVerdict.down(config, context.clock(), Duration.ofNanos(System.nanoTime() - start), pool.get(),
                error);
    }
}
