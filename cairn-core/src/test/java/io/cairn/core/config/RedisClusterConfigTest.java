package io.cairn.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a Redis Cluster is named in databases:, and the errors a wrong one gets at load. */
class RedisClusterConfigTest {

    private static CairnConfig parse(String entry) {
        return CairnConfig.parse("databases:\n  cache: " + entry + "\n", "cairn.yaml", Environment.of(Map.of()));
    }

    private static String error(String entry) {
        CairnException e = catchThrowableOfType(() -> parse(entry), CairnException.class);
        assertThat(e).as(entry).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
        return e.getMessage();
    }

    @Test
    void aClusterUrlListsSeedsAndTakesClusterSettings() {
        DatabaseConfig cache = parse("{ type: redis, url: \"redis-cluster://10.0.0.1:7000,10.0.0.2,[::1]:7002\", "
                + "cluster: { read-from: replica-preferred, topology-refresh: 30s, adaptive-refresh: false } }")
                .database("cache");

        assertThat(cache.isRedisCluster()).isTrue();
        assertThat(cache.url().hosts()).containsExactly(new DatabaseUrl.HostPort("10.0.0.1", 7000),
                new DatabaseUrl.HostPort("10.0.0.2", 6379), new DatabaseUrl.HostPort("::1", 7002));
        assertThat(cache.url().address()).isEqualTo("10.0.0.1:7000,10.0.0.2:6379,[::1]:7002");
        assertThat(cache.cluster()).isEqualTo(new RedisClusterConfig(Duration.ofSeconds(30), false,
                RedisClusterConfig.ReadFrom.REPLICA_PREFERRED));
        assertThat(parse("{ type: redis, url: \"redis://h:1/2\" }").database("cache").isRedisCluster()).isFalse();
    }

    @Test
    void wrongClusterSettingsAreClearErrors() {
        assertThat(error("{ type: redis, url: \"redis://h:1\", cluster: { read-from: master } }"))
                .contains("cluster settings apply only to a Redis Cluster").contains("redis-cluster://");
        assertThat(error("{ type: redis, url: \"redis://h1:1,h2:2\" }"))
                .contains("several hosts are not supported");
        assertThat(error("{ type: redis, url: \"redis-cluster://h1:1,h2:2/3\" }"))
                .contains("a Redis Cluster has only database 0, not 3");
        assertThat(error("{ type: redis, url: \"redis-cluster://h1:1\", cluster: { read-from: replicas } }"))
                .contains("cache.cluster.read-from").contains("unknown value \"replicas\"");
        assertThat(error("{ type: redis, url: \"redis-cluster://h1:1\", cluster: { topology-refresh: 500ms } }"))
                .contains("must be 0 (off) or at least 1s");
        assertThat(error("{ type: redis, url: \"redis-cluster://h1:1\", cluster: { refresh: 1s } }"))
                .contains("refresh");
        assertThat(error("{ type: redis, url: \"redis-cluster://h1:1,\" }")).contains("empty host");
    }
}
