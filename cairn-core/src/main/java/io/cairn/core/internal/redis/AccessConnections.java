package io.cairn.core.internal.redis;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.failure.RedisFailures;
import io.cairn.core.retry.Retry;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The connections {@link io.cairn.core.redis.RedisAccess} hands to capabilities: one shared
 * connection per codec, opened on first use under the database's connect retry and closed with
 * the adapter. They come from a client with Lettuce's own reconnect on (unlike the adapter's
 * command connection), because a capability holds on to the commands object it got.
 */
final class AccessConnections implements AutoCloseable {

    /** Opens connections of one topology (standalone or cluster). */
    interface Connector {
        <K, V> StatefulConnection<K, V> connect(RedisCodec<K, V> codec);

        <K, V> RedisClusterCommands<K, V> commands(StatefulConnection<K, V> connection);

        <K, V> StatefulRedisPubSubConnection<K, V> connectPubSub(RedisCodec<K, V> codec);

        /** Releases what the connector itself owns (not the connections it opened). */
        void close();
    }

    private final DatabaseConfig config;
    private final Supplier<Connector> connectorFactory;
    private final Map<RedisCodec<?, ?>, StatefulConnection<?, ?>> shared = new IdentityHashMap<>();
    private Connector connector;
    private boolean closed;

    AccessConnections(DatabaseConfig config, Supplier<Connector> connectorFactory) {
        this.config = config;
        this.connectorFactory = connectorFactory;
    }

    @SuppressWarnings("unchecked")
    synchronized <K, V> RedisClusterCommands<K, V> commands(RedisCodec<K, V> codec, RedisFailures failures, Retry retry) {
        Connector open = connector();
        StatefulConnection<K, V> connection = (StatefulConnection<K, V>) shared.get(codec);
        if (connection == null || !connection.isOpen()) {
            connection = retry.call(() -> open.connect(codec), failures::connecting);
            shared.put(codec, connection);
        }
        return open.commands(connection);
    }

    synchronized <K, V> StatefulRedisPubSubConnection<K, V> connectPubSub(RedisCodec<K, V> codec, RedisFailures failures,
                                                                         Retry retry) {
        Connector open = connector();
        return retry.call(() -> open.connectPubSub(codec), failures::connecting);
    }

    private Connector connector() {
        if (closed) {
            throw new CairnException(ErrorCode.PRECONDITION, "database '" + config.id()
                    + "': the Redis client is closed (the DataManager was closed; open a new one)");
        }
        if (connector == null) {
            connector = connectorFactory.get();
        }
        return connector;
    }

    @Override
    public synchronized void close() {
        closed = true;
        shared.values().forEach(StatefulConnection::closeAsync);
        shared.clear();
        if (connector != null) {
            connector.close();
            connector = null;
        }
    }
}
