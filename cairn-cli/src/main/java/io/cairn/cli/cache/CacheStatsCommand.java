package io.cairn.cli.cache;

import io.cairn.Cairn;
import io.cairn.cache.CacheReport;
import io.cairn.cache.CacheStats;
import io.cairn.cli.Durations;
import io.cairn.cli.Table;
import io.cairn.core.ErrorCode;
import io.cairn.repository.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;

/** {@code cairn cache stats [--json]}: whether the cache's Redis answers, Δ, and the counters of caches open here. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Show whether the cache's Redis answers, the staleness bound, and the counters of the caches open in "
                + "this process (the counters of running applications are their cairn.cache.* metrics).")
final class CacheStatsCommand extends CachesCommand<CacheReport> {

    @Override
    protected CacheReport run(Cairn cairn, ProgressListener progress) {
        return cairn.cache().probe();
    }

    @Override
    protected void print(PrintWriter out, CacheReport report) {
        if (report.redis().isEmpty()) {
            out.println("no cache.redis configured: L1 only, staleness bound " + Durations.human(report.staleness()));
        } else {
            out.println("redis '" + report.redis() + "' " + (report.redisAvailable() ? "UP" : "DOWN")
                    + ", staleness bound " + Durations.human(report.staleness()));
        }
        if (report.caches().isEmpty()) {
            out.println("no cache open in this process");
            return;
        }
        Table table = new Table("CACHE", "L1 HITS", "L2 HITS", "MISSES", "HIT RATIO", "LOADS", "FAILED", "INVALIDATIONS",
                "L1 SIZE");
        for (CacheStats s : report.caches()) {
            table.row(s.name(), s.l1Hits(), s.l2Hits(), s.misses(), String.format(Locale.ROOT, "%.2f", s.hitRatio()),
                    s.loads(), s.loadFailures(), s.invalidations(), s.l1Size());
        }
        table.print(out);
    }

    /** 1 when a Redis is configured and does not answer, so scripts can alert. */
    @Override
    protected int exitCode(CacheReport report) {
        return !report.redis().isEmpty() && !report.redisAvailable() ? ErrorCode.UNHEALTHY.exitCode() : 0;
    }
}
