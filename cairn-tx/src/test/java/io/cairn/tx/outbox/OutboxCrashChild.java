package io.cairn.tx.outbox;

import io.cairn.core.DataManager;
import io.cairn.core.config.DatabaseType;
import io.cairn.tx.Outbox;
import io.cairn.tx.OutboxHandler;
import io.cairn.tx.OutboxSettings;
import io.cairn.tx.Transactions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * A dispatcher in a child JVM that delivers to Redis and MongoDB, prints "DELIVERED <id>" and then
 * hangs before returning, so the parent can kill it (-9) after the effect and before the mark.
 * The parent's test clock reading comes as OUTBOX_NOW; servers from the environment: OUTBOX_SQL_URL, OUTBOX_SQL_PASSWORD, OUTBOX_REDIS_URL, OUTBOX_MONGO_URL.
 */
public final class OutboxCrashChild {
    private OutboxCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        OutboxFixtures.Servers servers = new OutboxFixtures.Servers(DatabaseType.POSTGRESQL, System.getenv("OUTBOX_SQL_URL"),
                System.getenv("OUTBOX_SQL_PASSWORD"), Optional.of(System.getenv("OUTBOX_REDIS_URL")),
                Optional.of(System.getenv("OUTBOX_MONGO_URL")));
        DataManager databases = servers.open(2);
        Transactions tx = OutboxFixtures.transactions(databases,
                Clock.fixed(Instant.parse(System.getenv("OUTBOX_NOW")), ZoneOffset.UTC), OutboxSettings.defaults(),
                new SimpleMeterRegistry());
        Outbox outbox = tx.outbox("main");
        OutboxHandler redis = outbox.toRedis("cache");
        OutboxHandler mongo = outbox.toMongo("docs", "orders");
        outbox.dispatchOnce(message -> {
            redis.deliver(message);
            mongo.deliver(message);
            System.out.println("DELIVERED " + message.messageId());
            System.out.flush();
            new CountDownLatch(1).await();
        });
        System.out.println("UNEXPECTED: the pass returned");
    }
}
