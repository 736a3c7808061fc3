package io.cairn.tx.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.config.DatabaseType;
import io.cairn.testkit.MongoExtension;
import io.cairn.testkit.PostgresExtension;
import io.cairn.testkit.RedisExtension;
import io.cairn.tx.DispatchResult;
import io.cairn.tx.OutboxHandler;
import io.cairn.tx.TxFixtures;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The outbox contract on PostgreSQL 15, the Redis and MongoDB deliveries, and a dispatcher killed mid-delivery. */
class PostgresOutboxTest extends OutboxContract {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.builder().systemBinaries(15).build();
    @RegisterExtension
    static final RedisExtension redis = RedisExtension.create();
    @RegisterExtension
    static final MongoExtension mongo = MongoExtension.create();

    private OutboxFixtures.Servers servers;

    @Override
    OutboxFixtures.Servers servers() {
        if (servers == null) {
            TxFixtures.Fresh fresh = TxFixtures.fresh(pg, DatabaseType.POSTGRESQL, pg.jdbcUrl());
            servers = new OutboxFixtures.Servers(DatabaseType.POSTGRESQL, fresh.cairnUrl(), pg.password(),
                    Optional.of(redis.cairnUrl()), Optional.of(mongo.cairnUrl()));
        }
        return servers;
    }

    long streamLength(String topic) {
        return ((Number) dm.queryDatabase("cache", "XLEN", "cairn:outbox:{" + topic + "}")).longValue();
    }

    long documents(String collection, String id) {
        return ((Number) dm.queryDatabase("docs", "count", collection, Map.of("_id", id))).longValue();
    }

    @Test
    void redisAndMongoDeliveriesApplyARedeliveredMessageOnce() {
        String topic = "redeliver-" + System.nanoTime();
        String id = tx.inTransaction("main", t -> t.outbox(topic, "1", "{\"n\":1}"));
        OutboxHandler toRedis = outbox.toRedis("cache");
        OutboxHandler toMongo = outbox.toMongo("docs", topic);
        OutboxHandler twice = message -> {
            for (int i = 0; i < 2; i++) {
                toRedis.deliver(message);
                toMongo.deliver(message);
            }
        };
        assertThat(outbox.dispatchOnce(twice).delivered()).isEqualTo(1);
        assertThat(streamLength(topic)).isEqualTo(1);
        assertThat(documents(topic, id)).isEqualTo(1);
        @SuppressWarnings("unchecked")
        List<Object> entry = (List<Object>) ((List<Object>) dm.queryDatabase("cache", "XRANGE",
                "cairn:outbox:{" + topic + "}", "-", "+")).get(0);
        assertThat(entry.get(1).toString()).contains(id).contains("{\"n\":1}");
    }

    /**
     * A child JVM delivers to Redis and MongoDB and is killed (-9) before it marks the message; the
     * message is delivered again, and the idempotent deliveries leave one stream entry and one document.
     */
    @Test
    void aDispatcherKilledAfterDeliveringBeforeMarkingIsRedeliveredWithOneEffect() throws Exception {
        String id = tx.inTransaction("main", t -> t.outbox("orders", "crash", "{\"n\":2}"));
        String stream = "orders";
        long streamBefore = streamLength(stream);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                OutboxCrashChild.class.getName()).redirectErrorStream(true);
        builder.environment().put("OUTBOX_NOW", clock.instant().toString());
        builder.environment().put("OUTBOX_SQL_URL", servers().sqlUrl());
        builder.environment().put("OUTBOX_SQL_PASSWORD", pg.password());
        builder.environment().put("OUTBOX_REDIS_URL", redis.cairnUrl());
        builder.environment().put("OUTBOX_MONGO_URL", mongo.cairnUrl());
        Process child = builder.start();
        try {
            String line = CompletableFuture.supplyAsync(() -> firstLine(child, "DELIVERED ")).get(60, TimeUnit.SECONDS);
            assertThat(line).isEqualTo("DELIVERED " + id);
            // the child holds the row lock: nobody else may deliver it meanwhile
            OutboxFixtures.Receiver meanwhile = new OutboxFixtures.Receiver();
            assertThat(outbox.dispatchOnce(meanwhile).claimed()).isZero();
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(streamLength(stream)).isEqualTo(streamBefore + 1);
        assertThat(outbox.status().pending()).isEqualTo(1);

        OutboxHandler toRedis = outbox.toRedis("cache");
        OutboxHandler toMongo = outbox.toMongo("docs", "orders");
        OutboxFixtures.Receiver seen = new OutboxFixtures.Receiver();
        DispatchResult again = io.cairn.testkit.Await.until(WAIT, "the killed child's lock to be released",
                () -> outbox.dispatchOnce(message -> {
                    seen.deliver(message);
                    toRedis.deliver(message);
                    toMongo.deliver(message);
                }), r -> r.claimed() > 0);
        assertThat(again.delivered()).isEqualTo(1);
        assertThat(seen.deliveries).singleElement().satisfies(m -> assertThat(m.messageId()).isEqualTo(id));
        assertThat(streamLength(stream)).isEqualTo(streamBefore + 1);
        assertThat(documents("orders", id)).isEqualTo(1);
        assertThat(outbox.status().pending()).isZero();
    }

    private static String firstLine(Process child, String prefix) {
        StringBuilder seen = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(prefix)) {
                    return line;
                }
                seen.append(line).append('\n');
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("the child ended without printing '" + prefix + "':\n" + seen);
    }
}
