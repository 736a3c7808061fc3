package io.cairn.repository;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of {@link Repository#prune}.
 *
 * @param maxUnused   fraction of unused bytes (relative to used bytes) tolerated in partly used
 *                    packs before they are repacked; 0 repacks every partly used pack (default 0.05)
 * @param orphanGrace packs that no index lists are touched only when older than this, so the
 *                    data of a backup still running (whose lock went stale) is never removed
 *                    (default 24 h)
 * @param dryRun      compute and report, change nothing
 */
public record PruneOptions(double maxUnused, Duration orphanGrace, boolean dryRun) {
    public PruneOptions {
        if (!(maxUnused >= 0 && maxUnused <= 1)) {
            throw new CairnException(ErrorCode.USAGE, "prune max-unused " + maxUnused + " is outside 0..1");
        }
        Objects.requireNonNull(orphanGrace, "orphanGrace");
        if (orphanGrace.isNegative()) {
            throw new CairnException(ErrorCode.USAGE, "prune grace period " + orphanGrace + " is negative");
        }
    }

    public static PruneOptions defaults() {
        return new PruneOptions(0.05, Duration.ofHours(24), false);
    }

    public PruneOptions withMaxUnused(double value) {
        return new PruneOptions(value, orphanGrace, dryRun);
    }

    public PruneOptions withOrphanGrace(Duration value) {
        return new PruneOptions(maxUnused, value, dryRun);
    }

    public PruneOptions withDryRun() {
        return new PruneOptions(maxUnused, orphanGrace, true);
    }
}
