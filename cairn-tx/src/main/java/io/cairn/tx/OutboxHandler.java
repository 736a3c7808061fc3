package io.cairn.tx;

/**
 * Delivers one committed outbox message somewhere else (a broker, Redis, MongoDB, an HTTP API).
 * Returning normally means delivered: the message is then marked so and not offered again. Throwing
 * means not delivered: it is offered again after a backoff, and parked after the configured number
 * of attempts.
 *
 * <p>Delivery is at least once: a process that dies after the handler returned but before the mark
 * was committed delivers the message again. Make the effect idempotent with
 * {@link OutboxMessage#messageId()} (the built-in Redis and MongoDB deliveries do). A handler must
 * bound its own time: while it runs, its message (and later messages of the same key) wait.
 */
@FunctionalInterface
public interface OutboxHandler {
    void deliver(OutboxMessage message) throws Exception;
}
