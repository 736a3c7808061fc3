package io.cairn.cache;

/**
 * {@code cairn cache invalidate}.
 *
 * @param cache      the cache
 * @param keys       how many keys were invalidated
 * @param all        whether every entry of the cache was dropped
 * @param delivered  whether Redis took it now (false: it is kept and sent when Redis answers again)
 */
public record InvalidateResult(String cache, int keys, boolean all, boolean delivered) {
}
