package io.cairn.migrate.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseType;
import io.cairn.core.config.DatabaseUrl;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Redis migrations assume one server: a cluster URL is refused before any command is sent. */
class RedisClusterRefusalTest {

    @Test
    void migrationsOnAClusterAreRefused() {
        CairnConfig config = CairnConfig.of(List.of(DatabaseConfig.of("cache", DatabaseType.REDIS,
                DatabaseUrl.parse("redis-cluster://127.0.0.1:7000,127.0.0.1:7001", 6379), Optional.empty())));
        try (DataManager databases = DataManager.open(config)) {
            RedisBackend backend = new RedisBackend(databases, "cache", null, null, null);

            CairnException e = catchThrowableOfType(() -> backend.open(false), CairnException.class);

            assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
            assertThat(e.getMessage()).isEqualTo("migrations of database 'cache': Redis migrations are not supported "
                    + "on Redis Cluster yet (run them against a standalone server)");
            assertThat(databases.openedDatabaseIds()).isEmpty();
        }
    }
}
