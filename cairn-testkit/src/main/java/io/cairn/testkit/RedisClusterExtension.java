package io.cairn.testkit;

import io.cairn.embedded.RedisServer;
import io.cairn.testkit.internal.ClusterNodesView;
import io.cairn.testkit.internal.ClusterSlots;
import io.cairn.testkit.internal.TestDirectories;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throwaway Redis Cluster of real {@code redis-server} processes in cluster mode on free loopback
 * ports: 3 masters with one replica each by default.
 * {@code @RegisterExtension static final RedisClusterExtension cluster = RedisClusterExtension.create();}
 *
 * <p>The cluster is formed directly (CLUSTER ADDSLOTSRANGE, SET-CONFIG-EPOCH, MEET, REPLICATE),
 * which is quicker than {@code redis-cli --cluster create} (that one sleeps between steps), and the
 * extension waits until every node says {@code cluster_state:ok} and every master has a
 * replica in sync. On a static field it starts once per test class and is stopped (every node, also
 * when a test or the start failed) in afterAll; a node a test killed is started again, and the
 * cluster awaited healthy, before the next test. Roles may have changed by then (a failover is not
 * undone): ask {@link #masters()} or {@link #masterOf(String)} rather than remembering nodes.
 *
 * <p>The node timeout is short (2s by default) so a killed master fails over within seconds.
 */
public final class RedisClusterExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, AutoCloseable {
    private static final Set<RedisClusterExtension> OPEN = ConcurrentHashMap.newKeySet();
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(OPEN).forEach(RedisClusterExtension::close),
                "cairn-testkit-cluster-cleanup"));
    }

    private final int masterCount;
    private final int replicasPerMaster;
    private final Duration nodeTimeout;
    private volatile Optional<String> owner = Optional.empty();
    private volatile List<RedisClusterNode> nodes = List.of();

    private RedisClusterExtension(Builder builder) {
        this.masterCount = builder.masters;
        this.replicasPerMaster = builder.replicasPerMaster;
        this.nodeTimeout = builder.nodeTimeout;
    }

    /** 3 masters, 1 replica each, node timeout 2s. */
    public static RedisClusterExtension create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        startFor(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        startFor(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeFor(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeFor(context);
    }

    private synchronized void startFor(ExtensionContext context) {
        if (owner.isEmpty()) {
            owner = Optional.of(context.getUniqueId());
        }
        start();
    }

    private synchronized void closeFor(ExtensionContext context) {
        if (owner.isPresent() && owner.get().equals(context.getUniqueId())) {
            owner = Optional.empty();
            close();
        }
    }

    /**
     * Forms the cluster when there is none; otherwise starts any node that is not running and
     * waits until the cluster is healthy again (every master with a replica in sync).
     */
    public synchronized void start() {
        if (nodes.isEmpty()) {
            OPEN.add(this);
            try {
                nodes = startNodes();
                ClusterFormation.form(nodes, masterCount, replicasPerMaster, SETUP_TIMEOUT);
            } catch (RuntimeException | Error e) {
                close();
                throw e;
            }
            awaitHealthy();
            return;
        }
        List<RedisClusterNode> stopped = nodes.stream().filter(node -> !node.isRunning()).toList();
        if (!stopped.isEmpty()) {
            stopped.forEach(this::start);
            awaitHealthy();
        }
    }

    private List<RedisClusterNode> startNodes() {
        int count = masterCount * (1 + replicasPerMaster);
        List<RedisClusterNode> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            created.add(new RedisClusterNode(i, RedisServer.builder()
                    .directory(TestDirectories.create("redis-cluster-" + i))
                    .keepDirectory(TestDirectories.keep())
                    .clusterNode(true)
                    .clusterNodeTimeout(nodeTimeout)
                    .build()));
        }
        nodes = List.copyOf(created);
        // in parallel: each start waits for its server's ready line
        CompletableFuture.allOf(created.stream().map(node -> CompletableFuture.runAsync(node.server()::start))
                .toArray(CompletableFuture[]::new)).join();
        return nodes;
    }

    /** Every node, in the order they were created (node 0 … node 5). */
    public List<RedisClusterNode> nodes() {
        requireStarted();
        return nodes;
    }

    /**
     * The cluster's URL for cairn.yaml: {@code redis-cluster://127.0.0.1:P0,127.0.0.1:P1,…} with
     * every node as a seed.
     */
    public String cairnUrl() {
        return "redis-cluster://" + nodes().stream().map(RedisClusterNode::address).collect(Collectors.joining(","));
    }

    /** The masters serving slots now, as a running node sees the cluster. */
    public List<RedisClusterNode> masters() {
        ClusterNodesView view = view();
        return nodes().stream().filter(node -> view.byId(node.nodeId())
                .filter(entry -> entry.isMaster() && !entry.isFailing() && !entry.slots().isEmpty()).isPresent())
                .toList();
    }

    /** The replicas now (of any master). */
    public List<RedisClusterNode> replicas() {
        ClusterNodesView view = view();
        return nodes().stream().filter(node -> view.byId(node.nodeId())
                .filter(entry -> !entry.isMaster()).isPresent()).toList();
    }

    /** The replicas of {@code master} now. */
    public List<RedisClusterNode> replicasOf(RedisClusterNode master) {
        ClusterNodesView view = view();
        Set<String> ids = view.replicasOf(master.nodeId()).stream().map(ClusterNodesView.Entry::id)
                .collect(Collectors.toSet());
        return nodes().stream().filter(node -> ids.contains(node.nodeId())).toList();
    }

    /** The slot of {@code key} (CRC16 of the key or its {hash tag}, modulo 16384). */
    public static int slotOf(String key) {
        return ClusterSlots.of(key);
    }

    /** The master serving {@code key}'s slot now. */
    public RedisClusterNode masterOf(String key) {
        return masterOfSlot(slotOf(key));
    }

    /** The master serving {@code slot} now. */
    public RedisClusterNode masterOfSlot(int slot) {
        ClusterNodesView view = view();
        String id = view.masterOfSlot(slot).orElseThrow(() -> new AssertionError("no master serves slot " + slot
                + " (is the cluster failing?)")).id();
        return byId(id);
    }

    /** A key (from {@code prefix} plus a counter) whose slot the given master serves now. */
    public String keyServedBy(RedisClusterNode master, String prefix) {
        ClusterNodesView view = view();
        for (int i = 0; i < 1_000_000; i++) {
            String key = prefix + i;
            Optional<ClusterNodesView.Entry> owner = view.masterOfSlot(slotOf(key));
            if (owner.isPresent() && owner.get().id().equals(master.nodeId())) {
                return key;
            }
        }
        throw new AssertionError(master + " serves no slot");
    }

    /** SIGKILL of one node (and its children); its data stays as a crash leaves it. */
    public void kill(RedisClusterNode node) {
        node.server().kill();
    }

    /** Starts a stopped or killed node again; it rejoins the cluster under its node id. */
    public void start(RedisClusterNode node) {
        node.server().start();
    }

    /**
     * Runs {@code CLUSTER FAILOVER} on {@code replica} (a coordinated switch with its master) and
     * waits until every running node sees it as a master and the cluster is ok again.
     */
    public void failover(RedisClusterNode replica) {
        replica.command("CLUSTER", "FAILOVER");
        Await.until(SETUP_TIMEOUT, "every running node to see " + replica + " as master after CLUSTER FAILOVER",
                () -> nodes().stream().filter(RedisClusterNode::isRunning).allMatch(node ->
                        ClusterNodesView.parse(node.text("CLUSTER", "NODES")).byId(replica.nodeId())
                                .map(entry -> entry.isMaster() && !entry.slots().isEmpty()).orElse(false)));
        awaitStateOk();
    }

    /**
     * {@code CLIENT KILL TYPE normal} on {@code node}: closes every client connection to it (not
     * the other nodes' cluster links, not replication). Returns how many were closed.
     */
    public long clientKill(RedisClusterNode node) {
        return (Long) node.command("CLIENT", "KILL", "TYPE", "normal");
    }

    /** {@link #clientKill(RedisClusterNode)} on every running node; returns the total closed. */
    public long clientKillAll() {
        return nodes().stream().filter(RedisClusterNode::isRunning).mapToLong(this::clientKill).sum();
    }

    /** FLUSHALL on every running master (between tests that want an empty keyspace). */
    public void flushAll() {
        masters().stream().filter(RedisClusterNode::isRunning).forEach(master -> master.command("FLUSHALL"));
    }

    /** Waits until every running node reports cluster_state:ok. */
    public void awaitStateOk() {
        Await.until(SETUP_TIMEOUT, "cluster_state:ok on every running node", () -> nodes().stream()
                .filter(RedisClusterNode::isRunning)
                .allMatch(node -> node.text("CLUSTER", "INFO").contains("cluster_state:ok")));
    }

    /**
     * Waits until every node runs, every node says cluster_state:ok and agrees that there are
     * {@code masters} masters each with {@code replicasPerMaster} replicas whose link is up.
     */
    public void awaitHealthy() {
        Await.until(SETUP_TIMEOUT, "a healthy cluster (" + masterCount + " masters, " + replicasPerMaster
                + " replica(s) each, replication up)", this::isHealthy);
    }

    private boolean isHealthy() {
        for (RedisClusterNode node : nodes()) {
            if (!node.isRunning() || !node.text("CLUSTER", "INFO").contains("cluster_state:ok")) {
                return false;
            }
            ClusterNodesView view = ClusterNodesView.parse(node.text("CLUSTER", "NODES"));
            if (view.entries().size() != nodes.size() || view.entries().stream()
                    .anyMatch(entry -> entry.isFailing() || !entry.connected() && !entry.flags().contains("myself"))) {
                return false;
            }
            List<ClusterNodesView.Entry> masters = view.entries().stream()
                    .filter(entry -> entry.isMaster() && !entry.slots().isEmpty()).toList();
            if (masters.size() != masterCount
                    || masters.stream().anyMatch(m -> view.replicasOf(m.id()).size() != replicasPerMaster)) {
                return false;
            }
            if (!view.byId(node.nodeId()).map(ClusterNodesView.Entry::isMaster).orElse(false)
                    && !node.text("INFO", "replication").contains("master_link_status:up")) {
                return false;
            }
        }
        return true;
    }

    /** CLUSTER NODES as a running node sees it. */
    private ClusterNodesView view() {
        RuntimeException last = null;
        for (RedisClusterNode node : nodes()) {
            if (node.isRunning()) {
                try {
                    return ClusterNodesView.parse(node.text("CLUSTER", "NODES"));
                } catch (RuntimeException e) {
                    last = e;
                }
            }
        }
        throw new AssertionError("no cluster node answers CLUSTER NODES", last);
    }

    private RedisClusterNode byId(String id) {
        return nodes().stream().filter(node -> node.nodeId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no node of this kit has id " + id));
    }

    private void requireStarted() {
        if (nodes.isEmpty()) {
            throw new IllegalStateException("the Redis cluster is not started (register the extension with "
                    + "@RegisterExtension, or call start())");
        }
    }

    /** Stops every node and deletes their directories (unless CAIRN_KEEP_SERVERS=1). */
    @Override
    public synchronized void close() {
        List<RedisClusterNode> current = nodes;
        nodes = List.of();
        OPEN.remove(this);
        RuntimeException first = null;
        for (RedisClusterNode node : current) {
            try {
                node.server().close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        List<RedisClusterNode> current = nodes;
        return "RedisClusterExtension[" + (current.isEmpty() ? "not started" : current.stream()
                .map(RedisClusterNode::address).collect(Collectors.joining(","))) + "]";
    }

    /** Options: how many masters, replicas per master, and the cluster-node-timeout. */
    public static final class Builder {
        private int masters = 3;
        private int replicasPerMaster = 1;
        private Duration nodeTimeout = Duration.ofSeconds(2);

        private Builder() {
        }

        /** Masters sharing the 16384 slots; default 3 (Redis's minimum for a failover majority). */
        public Builder masters(int value) {
            if (value < 1 || value > 16) {
                throw new IllegalArgumentException("masters must be 1 to 16");
            }
            this.masters = value;
            return this;
        }

        /** Replicas per master; default 1. */
        public Builder replicasPerMaster(int value) {
            if (value < 0 || value > 4) {
                throw new IllegalArgumentException("replicasPerMaster must be 0 to 4");
            }
            this.replicasPerMaster = value;
            return this;
        }

        /** cluster-node-timeout of every node; default 2s. */
        public Builder nodeTimeout(Duration value) {
            this.nodeTimeout = Objects.requireNonNull(value, "nodeTimeout");
            return this;
        }

        public RedisClusterExtension build() {
            return new RedisClusterExtension(this);
        }
    }
}
