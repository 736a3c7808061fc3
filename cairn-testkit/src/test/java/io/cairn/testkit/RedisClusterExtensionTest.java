package io.cairn.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterExtensionTest {
    @RegisterExtension
    static final RedisClusterExtension cluster = RedisClusterExtension.create();

    @Test
    @Order(1)
    void formsThreeMastersWithOneReplicaEach() {
        assertThat(cluster.nodes()).hasSize(6);
        assertThat(cluster.masters()).hasSize(3);
        assertThat(cluster.replicas()).hasSize(3);
        for (RedisClusterNode master : cluster.masters()) {
            assertThat(cluster.replicasOf(master)).hasSize(1);
        }
        assertThat(cluster.cairnUrl()).startsWith("redis-cluster://127.0.0.1:").contains(",127.0.0.1:");
    }

    @Test
    @Order(2)
    void findsTheMasterOfAKey() {
        for (String key : new String[] {"user:1", "{orders}:7", "x"}) {
            assertThat(cluster.nodes().get(0).command("CLUSTER", "KEYSLOT", key))
                    .isEqualTo((long) RedisClusterExtension.slotOf(key));
            RedisClusterNode master = cluster.masterOf(key);
            assertThat(master.text("SET", key, "v")).isEqualTo("OK");
            RedisClusterNode other = cluster.masters().stream().filter(m -> m != master).findFirst().orElseThrow();
            assertThatThrownBy(() -> other.command("GET", key)).hasMessageStartingWith("MOVED");
        }
        RedisClusterNode first = cluster.masters().get(0);
        assertThat(cluster.masterOf(cluster.keyServedBy(first, "k"))).isSameAs(first);
    }

    @Test
    @Order(3)
    void failsOverOnRequest() {
        RedisClusterNode master = cluster.masters().get(0);
        RedisClusterNode replica = cluster.replicasOf(master).get(0);
        cluster.failover(replica);
        assertThat(cluster.masters()).contains(replica).doesNotContain(master);
        assertThat(cluster.clientKill(replica)).isGreaterThanOrEqualTo(0);
    }

    @Test
    @Order(4)
    void aKilledMasterIsReplacedByItsReplica() {
        RedisClusterNode master = cluster.masters().get(0);
        RedisClusterNode replica = cluster.replicasOf(master).get(0);
        cluster.kill(master);
        assertThat(master.isRunning()).isFalse();
        Await.until(Duration.ofSeconds(30), replica + " promoted", () -> cluster.masters().contains(replica));
        cluster.awaitStateOk();
    }

    @Test
    @Order(5)
    void theKilledNodeIsBackBeforeTheNextTest() {
        assertThat(cluster.nodes()).allMatch(RedisClusterNode::isRunning);
        assertThat(cluster.masters()).hasSize(3);
        assertThat(cluster.replicas()).hasSize(3);
    }
}
