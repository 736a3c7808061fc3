package io.cairn.core.internal.redis;

import io.cairn.core.config.DatabaseConfig;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;

/**
 * RedisAccess connections to a standalone server: a second RedisClient on the adapter's threads,
 * with Lettuce's reconnect on (a capability keeps its commands object across a server restart)
 * and commands rejected at once while disconnected rather than queued without bound.
 */
final class StandaloneConnector implements AccessConnections.Connector {
    private final RedisClient client;
    private final DatabaseConfig config;

    StandaloneConnector(ClientResources resources, RedisURI uri, DatabaseConfig config) {
        this.config = config;
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .protocolVersion(ProtocolVersion.RESP2)
                .socketOptions(SocketOptions.builder().connectTimeout(config.connectTimeout()).keepAlive(true).build())
                .timeoutOptions(config.queryTimeout().isZero() ? TimeoutOptions.create()
                        : TimeoutOptions.enabled(config.queryTimeout()))
                .build());
    }

    @Override
    public <K, V> StatefulConnection<K, V> connect(RedisCodec<K, V> codec) {
        StatefulRedisConnection<K, V> connection = client.connect(codec);
        if (!config.queryTimeout().isZero()) {
            connection.setTimeout(config.queryTimeout());
        }
        return connection;
    }

    @Override
    public <K, V> RedisClusterCommands<K, V> commands(StatefulConnection<K, V> connection) {
        return ((StatefulRedisConnection<K, V>) connection).sync();
    }

    @Override
    public <K, V> StatefulRedisPubSubConnection<K, V> connectPubSub(RedisCodec<K, V> codec) {
        return client.connectPubSub(codec);
    }

    @Override
    public void close() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
