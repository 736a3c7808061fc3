package io.cairn.tx;

import java.time.Instant;

/**
 * A message whose deliveries all failed: it waits for an operator, as do later messages of its key.
 *
 * @param messageId the idempotency key; pass it to {@link Outbox#retry} or {@link Outbox#discard}
 * @param topic     its topic
 * @param key       its key
 * @param attempts  how many deliveries failed
 * @param parkedAt  when the last one failed
 * @param lastError the last failure, one line
 */
public record ParkedMessage(String messageId, String topic, String key, int attempts, Instant parkedAt, String lastError) {
}
