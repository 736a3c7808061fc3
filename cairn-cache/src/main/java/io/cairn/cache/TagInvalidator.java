package io.cairn.cache;

import java.util.Collection;

/**
 * What a command handler or projection calls after its change is committed, to drop the query
 * results that depended on it. Implemented by {@link QueryCache#invalidator()}.
 */
@FunctionalInterface
public interface TagInvalidator {
    void invalidate(Collection<String> tags);
}
