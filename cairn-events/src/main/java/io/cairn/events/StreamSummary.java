package io.cairn.events;

import java.time.Instant;

/** One stream of an event store: its current version and when it was last appended to. */
public record StreamSummary(String stream, long version, Instant lastEventAt) {
}
