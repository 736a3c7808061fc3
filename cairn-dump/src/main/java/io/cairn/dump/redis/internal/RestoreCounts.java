package io.cairn.dump.redis.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a Redis load did, for {@code LoadResult.counts}. */
final class RestoreCounts {
    long keys;
    long expired;
    long otherDatabases;
    long functions;

    Map<String, Long> asMap() {
        Map<String, Long> map = new LinkedHashMap<>();
        map.put("keys", keys);
        map.put("expiredSkipped", expired);
        map.put("otherDatabasesSkipped", otherDatabases);
        map.put("functions", functions);
        return map;
    }
}
