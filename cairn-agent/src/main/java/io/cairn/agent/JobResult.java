package io.cairn.agent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one run produced: figures shown in /api/runs and the dashboard (numbers and short texts,
 * never secrets), and the snapshot it wrote, if any.
 */
public record JobResult(Map<String, Object> figures, Optional<String> snapshotId) {
    public JobResult {
        figures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }

    public static JobResult of(Map<String, Object> figures) {
        return new JobResult(figures, Optional.empty());
    }
}
