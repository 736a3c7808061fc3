package io.cairn.tx.internal.outbox;

import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.tx.OutboxHandler;
import io.cairn.tx.OutboxMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Upserts a message into a MongoDB collection as {@code {_id: <message id>, topic, key, payload,
 * createdAt}} with {@code $setOnInsert}: the first delivery inserts, a redelivery matches the same
 * {@code _id} and changes nothing, so the effect happens once.
 */
final class MongoDelivery implements OutboxHandler {
    private final DataManager databases;
    private final String mongoDb;
    private final String collection;

    MongoDelivery(DataManager databases, String mongoDb, String collection) {
        this.databases = databases;
        this.mongoDb = mongoDb;
        this.collection = collection;
    }

    @Override
    public void deliver(OutboxMessage message) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("topic", message.topic());
        fields.put("key", message.key());
        fields.put("payload", message.payload());
        fields.put("createdAt", message.createdAt().toString());
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("q", Map.of("_id", message.messageId()));
        update.put("u", Map.of("$setOnInsert", fields));
        update.put("upsert", true);
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("update", collection);
        command.put("updates", List.of(update));
        Object reply = databases.queryDatabase(mongoDb, "command", command);
        if (reply instanceof Map<?, ?> answer && answer.get("writeErrors") instanceof List<?> errors && !errors.isEmpty()) {
            throw new CairnException(ErrorCode.DATABASE_ERROR, "database '" + mongoDb + "': outbox message "
                    + message.messageId() + " (topic '" + message.topic() + "') was not written to collection '" + collection
                    + "': " + errors.get(0) + " (it is offered again after a backoff)");
        }
    }

    @Override
    public String toString() {
        return "OutboxHandler[mongodb " + mongoDb + "." + collection + "]";
    }
}
