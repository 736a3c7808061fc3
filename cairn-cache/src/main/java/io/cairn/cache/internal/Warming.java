package io.cairn.cache.internal;

import io.cairn.cache.CacheSpec;
import io.cairn.cache.WarmResult;
import io.cairn.core.QueryResult;
import java.util.List;
import java.util.function.Function;

/** Loads the keys listed by a cache's {@code warm:} query (first column) through the normal get path. */
final class Warming<V> {
    private final TwoLevelCache<V> cache;
    private final CacheSpec spec;
    private final CacheContext context;

    Warming(TwoLevelCache<V> cache, CacheSpec spec, CacheContext context) {
        this.cache = cache;
        this.spec = spec;
        this.context = context;
    }

    WarmResult run(Function<? super String, ? extends V> loader) {
        if (spec.warm().isEmpty()) {
            return new WarmResult(cache.name(), 0, 0, 0);
        }
        String db = spec.warmDb().orElseGet(this::onlySqlDatabase);
        QueryResult keys = context.databases().query(db, spec.warm().get());
        int loaded = 0;
        int absent = 0;
        for (List<Object> row : keys.rows()) {
            if (row.isEmpty() || row.get(0) == null) {
                continue;
            }
            if (cache.get(String.valueOf(row.get(0)), loader) == null) {
                absent++;
            } else {
                loaded++;
            }
        }
        return new WarmResult(cache.name(), keys.rowCount(), loaded, absent);
    }

    private String onlySqlDatabase() {
        List<String> sql = context.databases().config().databases().values().stream()
                .filter(d -> d.type().isSql()).map(d -> d.id()).toList();
        if (sql.size() != 1) {
            throw new io.cairn.core.CairnException(io.cairn.core.ErrorCode.CONFIG, "cache '" + cache.name()
                    + "': warm needs warm-db: the configuration has " + sql.size() + " SQL databases " + sql);
        }
        return sql.get(0);
    }
}
