package io.cairn.events;

import java.util.List;
import java.util.Optional;

/**
 * Events read in the global order after {@code after}; {@code next} is where to read on from
 * (the last event's position), empty when nothing was read.
 */
public record EventPage(String db, Position after, List<RecordedEvent> events, Optional<Position> next) {
}
