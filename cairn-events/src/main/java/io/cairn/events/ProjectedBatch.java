package io.cairn.events;

import java.util.Set;

/** A batch a projection committed: the positions it covered, how many events, the cache tags it invalidated. */
public record ProjectedBatch(String db, String projection, Position from, Position to, int events, Set<String> tags) {
}
