package io.cairn.testkit;

import io.cairn.testkit.internal.ClusterSlots;
import java.time.Duration;
import java.util.List;

/**
 * Forms a Redis Cluster from empty cluster-mode nodes: slots split evenly over the first
 * {@code masters} nodes, distinct config epochs (so no collision has to be resolved by gossip),
 * MEET from node 0, then each later node replicates a master, round robin.
 */
final class ClusterFormation {
    private ClusterFormation() {
    }

    static void form(List<RedisClusterNode> nodes, int masters, int replicasPerMaster, Duration timeout) {
        for (RedisClusterNode node : nodes) {
            node.nodeId(node.text("CLUSTER", "MYID"));
        }
        for (int m = 0; m < masters; m++) {
            int from = ClusterSlots.COUNT * m / masters;
            int to = ClusterSlots.COUNT * (m + 1) / masters - 1;
            nodes.get(m).command("CLUSTER", "ADDSLOTSRANGE", Integer.toString(from), Integer.toString(to));
        }
        for (int i = 0; i < nodes.size(); i++) {
            nodes.get(i).command("CLUSTER", "SET-CONFIG-EPOCH", Integer.toString(i + 1));
        }
        RedisClusterNode first = nodes.get(0);
        for (RedisClusterNode node : nodes.subList(1, nodes.size())) {
            first.command("CLUSTER", "MEET", node.host(), Integer.toString(node.port()),
                    Integer.toString(node.server().clusterBusPort()));
        }
        for (int r = masters; r < nodes.size(); r++) {
            RedisClusterNode replica = nodes.get(r);
            RedisClusterNode master = nodes.get((r - masters) % masters);
            Await.until(timeout, replica + " to learn of " + master,
                    () -> replica.text("CLUSTER", "NODES").contains(master.nodeId()));
            replica.command("CLUSTER", "REPLICATE", master.nodeId());
        }
    }
}
