package io.cairn.cache.internal;

/**
 * The Redis key layout. Every key of one cache entry shares the hash tag {@code {name:key}}, so a
 * script or MGET over them stays in one slot on a cluster; all keys of one query cache share
 * {@code {q:name}} so a result and its tag versions are read in one MGET.
 */
final class RedisKeys {
    static final String CHANNEL = "cairn:cache:invalidations";

    private RedisKeys() {
    }

    static String data(String cache, String key) {
        return "cairn:c:{" + cache + ":" + key + "}:d";
    }

    static String version(String cache, String key) {
        return "cairn:c:{" + cache + ":" + key + "}:v";
    }

    static String lease(String cache, String key) {
        return "cairn:c:{" + cache + ":" + key + "}:l";
    }

    /** Every data and version key of a cache (a glob for SCAN MATCH; braces are literal there). */
    static String allOf(String cache) {
        return "cairn:c:{" + escapeGlob(cache) + ":*";
    }

    static String queryResult(String cache, String hash) {
        return "cairn:q:{" + cache + "}:r:" + hash;
    }

    static String queryTag(String cache, String tag) {
        return "cairn:q:{" + cache + "}:t:" + tag;
    }

    static String allQueryResults(String cache) {
        return "cairn:q:{" + escapeGlob(cache) + "}:r:*";
    }

    private static String escapeGlob(String text) {
        return text.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }
}
