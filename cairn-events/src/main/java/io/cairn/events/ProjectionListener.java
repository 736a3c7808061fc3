package io.cairn.events;

/**
 * Told after each projected batch committed (on the daemon's thread; keep it short, a failure is
 * logged and ignored). The hook for a query cache: evict {@link ProjectedBatch#tags()}.
 */
@FunctionalInterface
public interface ProjectionListener {
    void projected(ProjectedBatch batch);
}
