package io.cairn.events;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Who and what caused an event: the correlation id (one per business conversation), the causation
 * id (the command or event that caused this one) and the user. The store adds the timestamp.
 */
public record EventMetadata(Optional<String> correlationId, Optional<String> causationId, Optional<String> userId) {
    public EventMetadata {
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(causationId, "causationId");
        Objects.requireNonNull(userId, "userId");
    }

    public static EventMetadata none() {
        return new EventMetadata(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A new conversation: a fresh correlation id. */
    public static EventMetadata newCorrelation() {
        return none().withCorrelationId(UUID.randomUUID().toString());
    }

    public EventMetadata withCorrelationId(String value) {
        return new EventMetadata(Optional.of(value), causationId, userId);
    }

    public EventMetadata withCausationId(String value) {
        return new EventMetadata(correlationId, Optional.of(value), userId);
    }

    public EventMetadata withUserId(String value) {
        return new EventMetadata(correlationId, causationId, Optional.of(value));
    }
}
