package io.cairn.testkit;

import io.cairn.embedded.RedisServer;
import io.cairn.testkit.internal.Resp;
import java.time.Duration;
import java.util.Objects;

/**
 * One redis-server of a {@link RedisClusterExtension}. Its node id, host and port stay the same
 * across kill and restart; its role (master or replica) is whatever the cluster says now, see
 * {@link RedisClusterExtension#masters()}.
 */
public final class RedisClusterNode {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

    private final int index;
    private final RedisServer server;
    private volatile String nodeId = "";

    RedisClusterNode(int index, RedisServer server) {
        this.index = index;
        this.server = Objects.requireNonNull(server, "server");
    }

    /** Always "127.0.0.1". */
    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return server.port();
    }

    /** host:port, as Cairn's messages and Redis's CLUSTER NODES name the node. */
    public String address() {
        return host() + ":" + port();
    }

    /** The node's cluster id (40 hex digits), known once the cluster was formed. */
    public String nodeId() {
        return nodeId;
    }

    void nodeId(String id) {
        this.nodeId = id;
    }

    /** Position of the node in {@link RedisClusterExtension#nodes()} (0-based). */
    public int index() {
        return index;
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    /** The embedded server, for its directory and log. */
    public RedisServer server() {
        return server;
    }

    /**
     * Sends one command to this node on a short connection of its own and returns the reply
     * (String, Long, null or List); an error reply throws.
     */
    public Object command(String... args) {
        return Resp.call(port(), COMMAND_TIMEOUT, args);
    }

    /** The reply as text, e.g. {@code text("CLUSTER", "INFO")}. */
    public String text(String... args) {
        return String.valueOf(command(args));
    }

    @Override
    public String toString() {
        return "node " + index + " " + address() + (nodeId.isEmpty() ? "" : " (" + nodeId.substring(0, 8) + ")");
    }
}
