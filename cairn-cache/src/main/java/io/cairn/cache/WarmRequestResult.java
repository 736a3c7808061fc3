package io.cairn.cache;

/**
 * {@code cairn cache warm}: a warm request sent on the invalidation channel.
 *
 * @param cache      the cache
 * @param receivers  how many other JVMs' channels received it (each warms if it opened the cache with a loader)
 * @param delivered  whether Redis answered
 */
public record WarmRequestResult(String cache, long receivers, boolean delivered) {
}
