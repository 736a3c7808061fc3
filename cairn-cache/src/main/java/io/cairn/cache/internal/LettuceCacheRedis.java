package io.cairn.cache.internal;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * {@link CacheRedis} on a standalone Redis server or a Redis Cluster, through the Lettuce client of
 * the configured database (found with {@code RedisAccess}). Both speak through Lettuce's common
 * {@link RedisClusterAsyncCommands}: on a cluster a keyed command and an EVAL (by its first key) go
 * to the master of the key's slot, and every script here touches one entry's keys, which share a
 * hash tag and so one slot. The channel is classic PUBLISH/SUBSCRIBE on both: Lettuce 6.3 has no
 * sharded pub/sub, and a cluster broadcasts a classic PUBLISH to every node, so a subscriber on any
 * node hears it (the price: every node carries every message, which the cache's rate allows).
 * The cache keeps a connection of its own (with the short {@code redis-timeout}) so a slow
 * cache call never holds up other users of the database, and reopens it after it breaks; the
 * client's auto-reconnect is off, so a broken subscription is noticed and handled by the
 * {@link InvalidationBus} rather than silently resumed after messages were lost.
 */
final class LettuceCacheRedis implements CacheRedis {
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    private static final String PUT_IF_VERSION = "local cur = tonumber(redis.call('GET', KEYS[1]) or '0') "
            + "if cur == tonumber(ARGV[1]) then redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3]) return 1 end return 0";
    private static final String INVALIDATE = "local v = redis.call('INCR', KEYS[1]) redis.call('PEXPIRE', KEYS[1], ARGV[1]) "
            + "redis.call('DEL', KEYS[2]) return v";
    private static final String RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";
    private static final String INCREMENT = "local v = redis.call('INCR', KEYS[1]) redis.call('PEXPIRE', KEYS[1], ARGV[1]) return v";

    private final AbstractRedisClient client;
    private final Duration timeout;
    private volatile StatefulConnection<String, byte[]> connection;
    private boolean closed;

    /** {@code client} is the database's {@link RedisClient} or {@link RedisClusterClient}. */
    LettuceCacheRedis(AbstractRedisClient client, Duration timeout) {
        if (!(client instanceof RedisClient) && !(client instanceof RedisClusterClient)) {
            throw new IllegalArgumentException("not a Lettuce Redis client: " + client.getClass().getName());
        }
        this.client = client;
        this.timeout = timeout;
    }

    private RedisClusterAsyncCommands<String, byte[]> commands() {
        StatefulConnection<String, byte[]> current = connection;
        if (current == null || !current.isOpen()) {
            current = reconnect();
        }
        return current instanceof StatefulRedisClusterConnection<String, byte[]> cluster ? cluster.async()
                : ((StatefulRedisConnection<String, byte[]>) current).async();
    }

    private StatefulConnection<String, byte[]> connect() {
        return client instanceof RedisClusterClient cluster ? cluster.connect(CODEC) : ((RedisClient) client).connect(CODEC);
    }

    private StatefulRedisPubSubConnection<String, String> connectPubSub() {
        return client instanceof RedisClusterClient cluster ? cluster.connectPubSub(StringCodec.UTF8)
                : ((RedisClient) client).connectPubSub(StringCodec.UTF8);
    }

    private synchronized StatefulConnection<String, byte[]> reconnect() {
        if (closed) {
            throw new IllegalStateException("the cache's Redis connection is closed");
        }
        if (connection == null || !connection.isOpen()) {
            if (connection != null) {
                connection.closeAsync();
            }
            StatefulConnection<String, byte[]> opened = connect();
            opened.setTimeout(timeout);
            connection = opened;
        }
        return connection;
    }

    private <T> T await(RedisFuture<T> future) {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Redis", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new io.lettuce.core.RedisCommandTimeoutException("no answer from Redis within " + timeout.toMillis() + "ms");
        }
    }

    private static byte[] bytes(Object value) {
        return String.valueOf(value).getBytes(StandardCharsets.US_ASCII);
    }

    private static long number(byte[] value) {
        return value == null ? 0 : Long.parseLong(new String(value, StandardCharsets.US_ASCII));
    }

    @Override
    public Fetched fetch(String dataKey, String versionKey) {
        List<KeyValue<String, byte[]>> values = await(commands().mget(dataKey, versionKey));
        return new Fetched(values.get(0).getValueOrElse(null), number(values.get(1).getValueOrElse(null)));
    }

    @Override
    public List<Fetched> fetchAll(List<String[]> dataAndVersionKeys) {
        RedisClusterAsyncCommands<String, byte[]> async = commands();
        List<RedisFuture<List<KeyValue<String, byte[]>>>> futures = new ArrayList<>();
        for (String[] keys : dataAndVersionKeys) {
            futures.add(async.mget(keys[0], keys[1]));
        }
        List<Fetched> result = new ArrayList<>();
        for (RedisFuture<List<KeyValue<String, byte[]>>> future : futures) {
            List<KeyValue<String, byte[]>> values = await(future);
            result.add(new Fetched(values.get(0).getValueOrElse(null), number(values.get(1).getValueOrElse(null))));
        }
        return result;
    }

    @Override
    public boolean putIfVersion(String dataKey, String versionKey, long expectedVersion, byte[] value, long ttlMillis) {
        Long written = await(commands().eval(PUT_IF_VERSION, ScriptOutputType.INTEGER, new String[] {versionKey, dataKey},
                bytes(expectedVersion), value, bytes(ttlMillis)));
        return written != null && written == 1L;
    }

    @Override
    public long invalidate(String dataKey, String versionKey, long versionTtlMillis) {
        Long version = await(commands().eval(INVALIDATE, ScriptOutputType.INTEGER, new String[] {versionKey, dataKey},
                bytes(versionTtlMillis)));
        return version;
    }

    @Override
    public boolean tryLease(String leaseKey, String token, long ttlMillis) {
        return "OK".equals(await(commands().set(leaseKey, bytes(token), SetArgs.Builder.nx().px(ttlMillis))));
    }

    @Override
    public void releaseLease(String leaseKey, String token) {
        await(commands().eval(RELEASE, ScriptOutputType.INTEGER, new String[] {leaseKey}, bytes(token)));
    }

    @Override
    public boolean leaseHeld(String leaseKey) {
        return await(commands().exists(leaseKey)) > 0;
    }

    @Override
    public List<byte[]> getAll(List<String> keys) {
        List<KeyValue<String, byte[]>> values = await(commands().mget(keys.toArray(String[]::new)));
        List<byte[]> result = new ArrayList<>();
        for (KeyValue<String, byte[]> value : values) {
            result.add(value.getValueOrElse(null));
        }
        return result;
    }

    @Override
    public void put(String key, byte[] value, long ttlMillis) {
        await(commands().set(key, value, SetArgs.Builder.px(ttlMillis)));
    }

    @Override
    public long increment(String key, long ttlMillis) {
        return await(commands().eval(INCREMENT, ScriptOutputType.INTEGER, new String[] {key}, bytes(ttlMillis)));
    }

    @Override
    public long deleteMatching(String pattern) {
        RedisClusterAsyncCommands<String, byte[]> async = commands();
        long deleted = 0;
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = await(async.scan(cursor, ScanArgs.Builder.matches(pattern).limit(500)));
            if (!page.getKeys().isEmpty()) {
                deleted += await(async.unlink(page.getKeys().toArray(String[]::new)));
            }
            cursor = page;
        } while (!cursor.isFinished());
        return deleted;
    }

    @Override
    public long publish(String channel, String message) {
        return await(commands().publish(channel, message.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public Subscription subscribe(String channel, Consumer<String> onMessage, Runnable onBroken) {
        StatefulRedisPubSubConnection<String, String> pubsub = connectPubSub();
        AtomicBoolean reported = new AtomicBoolean();
        Runnable broken = () -> {
            if (reported.compareAndSet(false, true)) {
                onBroken.run();
            }
        };
        // the listener on the client hears every connection of it; this one reacts to its own only
        RedisConnectionStateListener watcher = new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> disconnected) {
                if (disconnected == pubsub) {
                    broken.run();
                }
            }
        };
        client.addListener(watcher);
        pubsub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String message) {
                onMessage.accept(message);
            }
        });
        try {
            pubsub.sync().subscribe(channel);
        } catch (RuntimeException e) {
            client.removeListener(watcher);
            pubsub.closeAsync();
            throw e;
        }
        return new Subscription() {
            @Override
            public boolean isOpen() {
                return pubsub.isOpen() && !reported.get();
            }

            @Override
            public void close() {
                reported.set(true);
                client.removeListener(watcher);
                pubsub.closeAsync();
            }
        };
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (connection != null) {
            connection.closeAsync();
            connection = null;
        }
    }
}
