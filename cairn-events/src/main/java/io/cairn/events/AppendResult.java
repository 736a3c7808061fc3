package io.cairn.events;

/**
 * What an append wrote: the stream's version after it, and the global position of its last event
 * (hand it to {@link Events#awaitProjected} to read your own writes).
 */
public record AppendResult(String stream, long fromVersion, long toVersion, Position position) {
}
