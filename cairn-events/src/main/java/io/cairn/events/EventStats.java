package io.cairn.events;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How many events one store holds, by type (most frequent first), and its newest event.
 *
 * @param newest   the head of the global order (what readers may see now)
 * @param newestAt when the newest event was recorded
 */
public record EventStats(String db, long total, long streams, List<TypeCount> types, Optional<Position> newest,
        Optional<Instant> newestAt) {

    /** The events of one type. */
    public record TypeCount(String type, long events) {
    }
}
