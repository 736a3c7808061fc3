package io.cairn.migrate;

/** The outcome of {@code baseline}: versions up to {@code version} count as applied and never run. */
public record BaselineResult(String database, String version, String description) {
}
