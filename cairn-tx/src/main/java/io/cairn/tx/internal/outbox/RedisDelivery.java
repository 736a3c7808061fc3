package io.cairn.tx.internal.outbox;

import io.cairn.core.DataManager;
import io.cairn.tx.OutboxHandler;
import io.cairn.tx.OutboxMessage;
import java.time.Duration;

/**
 * Appends a message to the Redis stream {@code cairn:outbox:{<topic>}} once per message id. One Lua
 * script (atomic on the server) checks the marker key, appends, then sets the marker with the
 * dedupe window as its expiry: the append comes before the marker, so a failing append leaves no
 * marker and the retry appends; a redelivery finds the marker and appends nothing. Both keys share
 * the hash tag {@code {<topic>}}, so they live in one slot on Redis Cluster.
 */
final class RedisDelivery implements OutboxHandler {
    static final String SCRIPT = "if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end "
            + "redis.call('XADD', KEYS[1], '*', 'id', ARGV[1], 'topic', ARGV[2], 'key', ARGV[3], 'payload', ARGV[4]) "
            + "redis.call('SET', KEYS[2], '1', 'PX', ARGV[5]) return 1";

    private final DataManager databases;
    private final String redisDb;
    private final Duration dedupeWindow;

    RedisDelivery(DataManager databases, String redisDb, Duration dedupeWindow) {
        this.databases = databases;
        this.redisDb = redisDb;
        this.dedupeWindow = dedupeWindow;
    }

    /** The stream a topic's messages go to. */
    static String stream(String topic) {
        return "cairn:outbox:{" + topic + "}";
    }

    @Override
    public void deliver(OutboxMessage message) {
        String stream = stream(message.topic());
        databases.queryDatabase(redisDb, "EVAL", SCRIPT, "2", stream, stream + ":seen:" + message.messageId(),
                message.messageId(), message.topic(), message.key(), message.payload(), Long.toString(dedupeWindow.toMillis()));
    }

    @Override
    public String toString() {
        return "OutboxHandler[redis " + redisDb + "]";
    }
}
