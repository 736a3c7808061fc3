package io.cairn.dump.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseType;
import io.cairn.core.config.DatabaseUrl;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Redis dump engine talks to one server: a cluster URL is refused before anything runs. */
class RedisClusterRefusalTest {

    @Test
    void dumpsAndLoadsOfAClusterAreRefused() {
        DatabaseConfig cluster = DatabaseConfig.of("cache", DatabaseType.REDIS,
                DatabaseUrl.parse("redis-cluster://127.0.0.1:7000,127.0.0.1:7001", 6379), Optional.empty());

        CairnException e = catchThrowableOfType(() -> Engines.refuseCluster(cluster, "dump of 'cache'"),
                CairnException.class);

        assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
        assertThat(e.getMessage()).isEqualTo("dump of 'cache': dumps and loads are not supported on Redis Cluster yet "
                + "(dump each master with its own redis://host:port URL)");
    }

    @Test
    void aStandaloneServerPasses() {
        DatabaseConfig standalone = DatabaseConfig.of("cache", DatabaseType.REDIS,
                DatabaseUrl.parse("redis://127.0.0.1:7000/0", 6379), Optional.empty());

        Engines.refuseCluster(standalone, "dump of 'cache'");
    }
}
