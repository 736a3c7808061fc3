package io.cairn.tx.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.config.DatabaseType;
import io.cairn.testkit.MariaDbExtension;
import io.cairn.testkit.RedisExtension;
import io.cairn.tx.TxFixtures;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The outbox contract on MariaDB (claims with FOR UPDATE SKIP LOCKED, 10.6+), delivering to Redis. */
class MariaDbOutboxTest extends OutboxContract {
    @RegisterExtension
    static final MariaDbExtension maria = MariaDbExtension.create();
    @RegisterExtension
    static final RedisExtension redis = RedisExtension.create();

    private OutboxFixtures.Servers servers;

    @Override
    OutboxFixtures.Servers servers() {
        if (servers == null) {
            TxFixtures.Fresh fresh = TxFixtures.fresh(maria, DatabaseType.MARIADB, maria.jdbcUrl());
            servers = new OutboxFixtures.Servers(DatabaseType.MARIADB, fresh.cairnUrl(), maria.password(),
                    Optional.of(redis.cairnUrl()), Optional.empty());
        }
        return servers;
    }

    @Test
    void deliversToRedisOncePerMessage() {
        String topic = "maria-" + System.nanoTime();
        tx.inTransaction("main", t -> {
            t.outbox(topic, "1", "one");
            t.outbox(topic, "2", "two");
            return null;
        });
        io.cairn.tx.OutboxHandler toRedis = outbox.toRedis("cache");
        assertThat(outbox.dispatchOnce(m -> {
            toRedis.deliver(m);
            toRedis.deliver(m);
        }).delivered()).isEqualTo(2);
        assertThat(((Number) dm.queryDatabase("cache", "XLEN", "cairn:outbox:{" + topic + "}")).longValue()).isEqualTo(2);
    }
}
