package io.cairn.core.internal.redis;

import io.cairn.core.CairnException;
import io.cairn.core.DatabaseAdapter;
import io.cairn.core.DatabaseHealth;
import io.cairn.core.ErrorCode;
import io.cairn.core.PoolUsage;
import io.cairn.core.SqlDatabase;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseUrl;
import io.cairn.core.config.RedisClusterConfig;
import io.cairn.core.failure.RedisFailures;
import io.cairn.core.internal.AdapterContext;
import io.cairn.core.redis.RedisAccess;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Redis Cluster through Lettuce's cluster client: one shared connection that routes each
 * command to the master (or, with read-from replica-preferred, a replica) of its key's slot,
 * follows MOVED and ASK, and keeps its slot map fresh by a periodic refresh and, adaptively, on
 * redirects and reconnects. Unlike the standalone adapter, Lettuce's reconnect stays on: the
 * client holds one link per node and drops links to nodes that left the topology itself;
 * commands for a node that is not connected are rejected at once instead of queued.
 */
public final class RedisClusterAdapter implements DatabaseAdapter, RedisAccess {
    private static final Logger LOG = LoggerFactory.getLogger(RedisClusterAdapter.class);

    private final AdapterContext context;
    private final DatabaseConfig config;
    private final RedisFailures failures;
    private final ClientResources resources;
    private final RedisClusterClient client;
    private final AccessConnections access;
    private final ClusterHealthProbe probe;
    /** Written under this adapter's lock; volatile so pool usage never waits behind a connect. */
    private volatile StatefulRedisClusterConnection<String, String> connection;
    private boolean closed;

    public RedisClusterAdapter(AdapterContext context) {
        this.context = context;
        this.config = context.config();
        this.failures = RedisFailures.of(context.messages());
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(1).build();
        this.client = RedisClusterClient.create(resources, seeds());
        client.setOptions(options(config));
        this.access = new AccessConnections(config, ClusterConnector::new);
        this.probe = new ClusterHealthProbe(context, failures);
        LOG.info("database '{}': redis cluster client ready for {}", config.id(), config.url());
    }

    static ClusterClientOptions options(DatabaseConfig config) {
        RedisClusterConfig cluster = config.cluster();
        ClusterTopologyRefreshOptions.Builder refresh = ClusterTopologyRefreshOptions.builder()
                .dynamicRefreshSources(true)
                .closeStaleConnections(true);
        if (!cluster.topologyRefresh().isZero()) {
            refresh.enablePeriodicRefresh(cluster.topologyRefresh());
        }
        if (cluster.adaptiveRefresh()) {
            refresh.enableAllAdaptiveRefreshTriggers().adaptiveRefreshTriggersTimeout(Duration.ofSeconds(1));
        }
        return ClusterClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .protocolVersion(ProtocolVersion.RESP2)
                .socketOptions(SocketOptions.builder().connectTimeout(config.connectTimeout()).keepAlive(true).build())
                .timeoutOptions(config.queryTimeout().isZero() ? TimeoutOptions.create()
                        : TimeoutOptions.enabled(config.queryTimeout()))
                .topologyRefreshOptions(refresh.build())
                .validateClusterNodeMembership(true)
                .build();
    }

    private List<RedisURI> seeds() {
        List<RedisURI> seeds = new ArrayList<>();
        for (DatabaseUrl.HostPort seed : config.url().hosts()) {
            RedisURI.Builder uri = RedisURI.builder()
                    .withHost(seed.host())
                    .withPort(seed.port())
                    .withSsl("rediss-cluster".equals(config.url().scheme()))
                    .withTimeout(config.connectTimeout());
            config.password().ifPresent(password -> {
                if (config.user().isPresent()) {
                    uri.withAuthentication(config.user().get(), password.revealChars());
                } else {
                    uri.withPassword(password.revealChars());
                }
            });
            seeds.add(uri.build());
        }
        return seeds;
    }

    private static ReadFrom readFrom(RedisClusterConfig.ReadFrom setting) {
        return setting == RedisClusterConfig.ReadFrom.REPLICA_PREFERRED ? ReadFrom.REPLICA_PREFERRED : ReadFrom.UPSTREAM;
    }

    @Override
    public DatabaseConfig config() {
        return config;
    }

    @Override
    public Optional<SqlDatabase> sql() {
        return Optional.empty();
    }

    /** Any command, routed by its key; see {@link ClusterCommands} for the ones that span every master. */
    @Override
    public Object command(String command, Object... args) {
        String name = RedisCommandText.name(context.messages().prefix(), command);
        StatefulRedisClusterConnection<String, String> open = context.retry().call(this::connection,
                failures::connecting);
        try {
            return ClusterCommands.run(open.sync(), name, args == null ? new Object[0] : args,
                    context.messages().prefix());
        } catch (RedisException e) {
            throw failures.running(e, name).toException(1);
        }
    }

    /** The shared connection, connecting first (reading the slot map from the seeds) if there is none. */
    private synchronized StatefulRedisClusterConnection<String, String> connection() {
        if (closed) {
            throw new CairnException(ErrorCode.PRECONDITION, context.messages().prefix()
                    + "the Redis client is closed (the DataManager was closed; open a new one)");
        }
        if (connection == null || !connection.isOpen()) {
            connection = connect(StringCodec.UTF8);
        }
        return connection;
    }

    private <K, V> StatefulRedisClusterConnection<K, V> connect(RedisCodec<K, V> codec) {
        StatefulRedisClusterConnection<K, V> opened = client.connect(codec);
        opened.setReadFrom(readFrom(config.cluster().readFrom()));
        if (!config.queryTimeout().isZero()) {
            opened.setTimeout(config.queryTimeout());
        }
        return opened;
    }

    @Override
    public DatabaseHealth health() {
        return probe.check(() -> context.once().call(this::connection, failures::connecting),
                client::refreshPartitions, this::poolUsage);
    }

    /** One multiplexed cluster connection (Lettuce adds one link per node behind it): idle 1 while open. */
    @Override
    public PoolUsage poolUsage() {
        StatefulRedisClusterConnection<String, String> current = connection;
        boolean open = current != null && current.isOpen();
        return new PoolUsage(0, open ? 1 : 0, 0, 1);
    }

    @Override
    public String databaseId() {
        return config.id();
    }

    @Override
    public boolean isCluster() {
        return true;
    }

    @Override
    public RedisClusterCommands<String, String> commands() {
        return commands(StringCodec.UTF8);
    }

    @Override
    public <K, V> RedisClusterCommands<K, V> commands(RedisCodec<K, V> codec) {
        return access.commands(codec, failures, context.retry());
    }

    @Override
    public <K, V> StatefulRedisPubSubConnection<K, V> connectPubSub(RedisCodec<K, V> codec) {
        return access.connectPubSub(codec, failures, context.retry());
    }

    /** RedisAccess connections come from the same cluster client (its reconnect is on already). */
    private final class ClusterConnector implements AccessConnections.Connector {
        @Override
        public <K, V> StatefulConnection<K, V> connect(RedisCodec<K, V> codec) {
            return RedisClusterAdapter.this.connect(codec);
        }

        @Override
        public <K, V> RedisClusterCommands<K, V> commands(StatefulConnection<K, V> opened) {
            return ((StatefulRedisClusterConnection<K, V>) opened).sync();
        }

        @Override
        public <K, V> StatefulRedisPubSubConnection<K, V> connectPubSub(RedisCodec<K, V> codec) {
            return client.connectPubSub(codec);
        }

        @Override
        public void close() {
            // the cluster client belongs to the adapter, which shuts it down
        }
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        if (type == RedisAccess.class) {
            return Optional.of(type.cast(this));
        }
        if (type.isInstance(client)) {
            return Optional.of(type.cast(client));
        }
        if (type.isAssignableFrom(StatefulRedisClusterConnection.class)) {
            return Optional.of(type.cast(context.retry().call(this::connection, failures::connecting)));
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (connection != null) {
                connection.close();
                connection = null;
            }
        }
        access.close();
        ClientShutdown.close(config.id(), client, resources);
    }
}
