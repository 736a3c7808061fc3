package io.cairn.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An event as stored: where it is in the global order and in its stream, its type and the schema
 * version it was written with, its data (already upcast to the current version and mapped to the
 * registered class, or a Jackson tree when its type is not registered), and its metadata.
 */
public record RecordedEvent(Position position, UUID eventId, String stream, long version, String type,
        int schemaVersion, Object data, EventMetadata metadata, Instant recordedAt) {

    /** The data as {@code type}; a mismatch is an error naming the event. */
    public <T> T data(Class<T> type) {
        if (!type.isInstance(data)) {
            throw new ClassCastException("event " + stream + "@" + version + " (" + this.type + ") holds "
                    + data.getClass().getName() + ", not " + type.getName());
        }
        return type.cast(data);
    }
}
