package io.cairn.core.redis;

import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

/**
 * Lettuce access to one configured Redis database, the same for a standalone server and a Redis
 * Cluster, for capabilities that need more than {@code DataManager.queryDatabase} (typed
 * commands, binary values, Lua scripts, pub/sub): {@code RedisAccess.of(databases, "cache")}.
 *
 * <p>The types are Lettuce's common supertypes: {@link RedisClusterCommands} is implemented by the
 * standalone {@code RedisCommands} and by the cluster's {@code RedisAdvancedClusterCommands}; on a
 * cluster, keyed commands (and EVAL/EVALSHA by their first key) go to the master of the key's slot,
 * MOVED/ASK are followed, and SCRIPT LOAD runs on every node. A command that spans slots
 * (MULTI/EXEC, a script with keys in several slots) must keep its keys in one slot with a
 * {hash tag}.
 *
 * <p>Pub/sub: classic PUBLISH/SUBSCRIBE works on both; on a cluster a message published on any
 * node reaches subscribers on every node. Sharded pub/sub (SSUBSCRIBE/SPUBLISH) needs Lettuce 6.4+
 * and is not offered yet.
 */
public interface RedisAccess {

    /**
     * The access of database {@code db}, opening it on first use.
     *
     * @throws CairnException USAGE when {@code db} is not a Redis database
     */
    static RedisAccess of(DataManager databases, String db) {
        return databases.adapter(db).unwrap(RedisAccess.class).orElseThrow(() -> new CairnException(ErrorCode.USAGE,
                "database '" + db + "' is a " + databases.config().database(db).type()
                        + " database, not Redis (RedisAccess needs type: redis)"));
    }

    /** The database id under {@code databases:}. */
    String databaseId();

    /** True for a Redis Cluster (a redis-cluster:// URL). */
    boolean isCluster();

    /**
     * Commands on the shared, thread-safe String connection of the DataManager (the one
     * {@code queryDatabase} uses). Never close it and never change its state (SELECT, MULTI,
     * CLIENT REPLY …): every caller shares it.
     */
    RedisClusterCommands<String, String> commands();

    /**
     * Commands on a shared connection with {@code codec} (e.g. {@code ByteArrayCodec.INSTANCE}),
     * opened on first use and closed with the DataManager; one connection per codec instance, so
     * pass a long-lived codec. Same rules as {@link #commands()}.
     */
    <K, V> RedisClusterCommands<K, V> commands(RedisCodec<K, V> codec);

    /**
     * A new pub/sub connection of the caller's own, which the caller closes. On a cluster it is a
     * {@code StatefulRedisClusterPubSubConnection} (a subtype). Unlike the shared connection, it
     * reconnects by itself and resubscribes after a broken link; a listener that must not miss a
     * message (cache invalidation) should treat a reconnect as "messages may have been lost".
     */
    <K, V> StatefulRedisPubSubConnection<K, V> connectPubSub(RedisCodec<K, V> codec);
}
