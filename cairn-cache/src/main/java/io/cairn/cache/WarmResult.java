package io.cairn.cache;

/**
 * What warming did: how many keys the warm query listed and how many were loaded.
 *
 * @param name      the cache
 * @param keys      keys the warm query returned (0 without a warm query)
 * @param loaded    values now in L1 (and L2)
 * @param absent    keys whose loader returned no value
 */
public record WarmResult(String name, int keys, int loaded, int absent) {
}
