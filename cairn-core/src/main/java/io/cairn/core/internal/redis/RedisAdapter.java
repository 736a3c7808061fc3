package io.cairn.core.internal.redis;

import io.cairn.core.CairnException;
import io.cairn.core.DatabaseAdapter;
import io.cairn.core.DatabaseHealth;
import io.cairn.core.ErrorCode;
import io.cairn.core.PoolUsage;
import io.cairn.core.SqlDatabase;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.failure.RedisFailures;
import io.cairn.core.internal.AdapterContext;
import io.cairn.core.internal.HealthVerdict;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.cairn.core.redis.RedisAccess;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis through Lettuce: one shared, thread-safe connection, opened on first use. Lettuce's own
 * reconnect is off: a broken connection is dropped and reopened by the next call under Cairn's
 * retry policy, so a dead server is reported promptly and a restarted one is picked up at once.
 */
public final class RedisAdapter implements DatabaseAdapter, RedisAccess {
    private static final Logger LOG = LoggerFactory.getLogger(RedisAdapter.class);

    private final AdapterContext context;
    private final DatabaseConfig config;
    private final RedisFailures failures;
    private final ClientResources resources;
    private final RedisClient client;
    /** Written under this adapter's lock; volatile so pool usage never waits behind a connect. */
    private volatile StatefulRedisConnection<String, String> connection;
    private boolean closed;
    /** For RedisAccess: connections handed to capabilities, which reconnect by themselves. */
    private final AccessConnections access;

    public RedisAdapter(AdapterContext context) {
        this.context = context;
        this.config = context.config();
        this.failures = RedisFailures.of(context.messages());
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(1).build();
        this.client = RedisClient.create(resources, redisUri());
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .protocolVersion(ProtocolVersion.RESP2)
                .socketOptions(SocketOptions.builder().connectTimeout(config.connectTimeout()).keepAlive(true).build())
                .timeoutOptions(config.queryTimeout().isZero() ? TimeoutOptions.create()
                        : TimeoutOptions.enabled(config.queryTimeout()))
                .build());
        this.access = new AccessConnections(config, () -> new StandaloneConnector(resources, redisUri(), config));
        LOG.info("database '{}': redis client ready for {}", config.id(), config.url());
    }

    private RedisURI redisUri() {
        RedisURI.Builder uri = RedisURI.builder()
                .withHost(config.url().host())
                .withPort(config.url().port())
                .withDatabase(Integer.parseInt(config.url().database().orElse("0")))
                .withSsl("rediss".equals(config.url().scheme()))
                .withTimeout(config.connectTimeout());
        config.password().ifPresent(password -> {
            if (config.user().isPresent()) {
                uri.withAuthentication(config.user().get(), password.revealChars());
            } else {
                uri.withPassword(password.revealChars());
            }
        });
        return uri.build();
    }

    @Override
    public DatabaseConfig config() {
        return config;
    }

    @Override
    public Optional<SqlDatabase> sql() {
        return Optional.empty();
    }

    /**
     * Runs any Redis command: {@code command("GET", "user:1")}. Replies come back as String,
     * Long, Double, Boolean, null, or List of those.
     */
    @Override
    public Object command(String command, Object... args) {
        String name = RedisCommandText.name(context.messages().prefix(), command);
        StatefulRedisConnection<String, String> open = context.retry().call(this::connection, failures::connecting);
        try {
            return open.sync().dispatch(RedisCommandText.keyword(name), new AnyOutput(),
                    RedisCommandText.arguments(name, args));
        } catch (RedisException e) {
            dropIfBroken(open);
            throw failures.running(e, name).toException(1);
        }
    }

    /** The open connection, connecting first if there is none or the last one broke. */
    private synchronized StatefulRedisConnection<String, String> connection() {
        if (closed) {
            throw new CairnException(ErrorCode.PRECONDITION, context.messages().prefix()
                    + "the Redis client is closed (the DataManager was closed; open a new one)");
        }
        if (connection == null || !connection.isOpen()) {
            if (connection != null) {
                connection.closeAsync();
            }
            connection = client.connect(StringCodec.UTF8);
            if (!config.queryTimeout().isZero()) {
                connection.setTimeout(config.queryTimeout());
            }
        }
        return connection;
    }

    private synchronized void dropIfBroken(StatefulRedisConnection<String, String> used) {
        if (used == connection && !used.isOpen()) {
            connection.closeAsync();
            connection = null;
        }
    }

    @Override
    public DatabaseHealth health() {
        long start = System.nanoTime();
        try {
            StatefulRedisConnection<String, String> open = context.once().call(this::connection, failures::connecting);
            long sent = System.nanoTime();
            String pong = open.sync().ping();
            Duration latency = Duration.ofNanos(System.nanoTime() - sent);
            if (!"PONG".equals(pong)) {
                return down(start, "unexpected answer to PING: " + pong);
            }
            Optional<String> version = ServerInfo.version(open.sync().info("server"));
            return HealthVerdict.answered(config, context.clock(), latency, version, poolUsage(), false);
        } catch (CairnException e) {
            return down(start, e.getMessage());
        } catch (RedisException e) {
            dropIfBroken(connectionOrNull());
            return down(start, failures.running(e, "PING").toException(1).getMessage());
        }
    }

    private StatefulRedisConnection<String, String> connectionOrNull() {
        return connection;
    }

    private DatabaseHealth down(long start, String message) {
        String prefix = context.messages().prefix();
        String error = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        return HealthVerdict.down(config, context.clock(), Duration.ofNanos(System.nanoTime() - start), poolUsage(), error);
    }

    /** One multiplexed connection: idle 1 while it is open. Never blocks (health reports it while a connect hangs). */
    @Override
    public PoolUsage poolUsage() {
        StatefulRedisConnection<String, String> current = connection;
        boolean open = current != null && current.isOpen();
        return new PoolUsage(0, open ? 1 : 0, 0, 1);
    }

    @Override
    public String databaseId() {
        return config.id();
    }

    @Override
    public boolean isCluster() {
        return false;
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

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        if (type == RedisAccess.class) {
            return Optional.of(type.cast(this));
        }
        if (type.isInstance(client)) {
            return Optional.of(type.cast(client));
        }
        if (type.isAssignableFrom(StatefulRedisConnection.class)) {
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
