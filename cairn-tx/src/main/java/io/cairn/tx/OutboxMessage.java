package io.cairn.tx;

import java.time.Instant;
import java.util.Objects;

/**
 * One outbox message as a handler receives it.
 *
 * @param messageId the idempotency key: a UUID written with the message, the same on every delivery
 *                  attempt; a receiver that remembers it applies the message once
 * @param db        the database whose outbox holds it
 * @param topic     what the message is about, chosen by the writer ("orders")
 * @param key       messages of one topic and key are delivered one at a time, in order
 * @param payload   the text written (usually JSON)
 * @param createdAt when the transaction wrote it (injected clock of the writer)
 * @param attempt   1 on the first delivery, 2 on the first retry, …
 */
public record OutboxMessage(String messageId, String db, String topic, String key, String payload, Instant createdAt,
        int attempt) {
    public OutboxMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    @Override
    public String toString() {
        // the payload may hold personal data: not in logs
        return "OutboxMessage[" + messageId + ", db=" + db + ", topic=" + topic + ", key=" + key + ", attempt=" + attempt + "]";
    }
}
