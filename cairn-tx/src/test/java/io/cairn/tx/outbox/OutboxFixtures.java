package io.cairn.tx.outbox;

import io.cairn.core.DataManager;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseType;
import io.cairn.core.config.DatabaseUrl;
import io.cairn.core.config.PoolConfig;
import io.cairn.core.config.Secret;
import io.cairn.tx.OutboxMessage;
import io.cairn.tx.OutboxSettings;
import io.cairn.tx.Transactions;
import io.cairn.tx.TxSettings;
import io.cairn.tx.TxFixtures;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Test helpers: a DataManager with "main" (SQL) and optionally "cache" (Redis) and "docs" (MongoDB); a recording receiver. */
final class OutboxFixtures {
    private OutboxFixtures() {
    }

    /** Where the servers are: the SQL database and, when present, Redis and MongoDB (Cairn URLs, passwords). */
    record Servers(DatabaseType type, String sqlUrl, String sqlPassword, Optional<String> redisUrl,
            Optional<String> mongoUrl) {
        DataManager open(int poolMax) {
            List<DatabaseConfig> databases = new ArrayList<>();
            databases.add(DatabaseConfig.of("main", type, DatabaseUrl.parse(sqlUrl, type.defaultPort()),
                    sqlPassword.isEmpty() ? Optional.empty() : Optional.of(Secret.of(sqlPassword)))
                    .withPool(PoolConfig.defaults().withMax(poolMax)));
            redisUrl.ifPresent(url -> databases.add(DatabaseConfig.of("cache", DatabaseType.REDIS,
                    DatabaseUrl.parse(url, DatabaseType.REDIS.defaultPort()), Optional.empty())));
            mongoUrl.ifPresent(url -> databases.add(DatabaseConfig.of("docs", DatabaseType.MONGODB,
                    DatabaseUrl.parse(url, DatabaseType.MONGODB.defaultPort()), Optional.empty())));
            return DataManager.open(CairnConfig.of(databases));
        }
    }

    static Transactions transactions(DataManager databases, Clock clock, OutboxSettings settings, MeterRegistry registry) {
        return Transactions.open(databases, TxSettings.from(databases.config()), settings, clock,
                new TxFixtures.RecordingSleeper(), registry);
    }

    /**
     * A receiver that applies each message once by its id (as a real one would) and records every
     * delivery; it fails while {@code failuresLeft} of a key is above zero, and notices two
     * deliveries of one key at the same time.
     */
    static final class Receiver implements io.cairn.tx.OutboxHandler {
        final List<OutboxMessage> deliveries = new CopyOnWriteArrayList<>();
        final Map<String, OutboxMessage> applied = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
        final Map<String, Boolean> inFlight = new ConcurrentHashMap<>();
        final List<String> overlaps = new CopyOnWriteArrayList<>();

        @Override
        public void deliver(OutboxMessage message) {
            String key = message.topic() + "/" + message.key();
            if (inFlight.putIfAbsent(key, Boolean.TRUE) != null) {
                overlaps.add(message.messageId());
            }
            try {
                deliveries.add(message);
                AtomicInteger left = failuresLeft.get(message.key());
                if (left != null && left.getAndDecrement() > 0) {
                    throw new IllegalStateException("receiver down for key " + message.key());
                }
                applied.putIfAbsent(message.messageId(), message);
                Thread.yield();
            } finally {
                inFlight.remove(key);
            }
        }

        /** The payloads applied for one key, in the order they were applied. */
        List<String> appliedPayloads(String key) {
            return deliveries.stream().filter(m -> m.key().equals(key) && applied.get(m.messageId()) == m)
                    .map(OutboxMessage::payload).toList();
        }
    }
}
