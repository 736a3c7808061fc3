package io.cairn.cli;

import java.io.PrintWriter;

import io.cairn.core.DatabaseHealth;
import io.cairn.core.HealthReport;
import io.cairn.core.PoolUsage;

/** The human table for a {@link HealthReport}: one line per database. */
final class HealthRendering {
    private HealthRendering() {
    }

    static void print(PrintWriter out, HealthReport report) {
        Table table = new Table("DATABASE", "TYPE", "STATUS", "LATENCY", "VERSION", "POOL act/idle/wait/max", "DETAIL");
        for (DatabaseHealth db : report.databases()) {
            table.row(db.id(), db.type().name().toLowerCase(java.util.Locale.ROOT), db.status(),
                    db.latencyMillis() + " ms", db.serverVersion().orElse("-"), pool(db.pool()),
                    db.error().orElse(""));
        }
        table.print(out);
    }

    private static String pool(PoolUsage pool) {
        return pool.active() + "/" + pool.idle() + "/" + pool.waiting() + "/" + pool.max();
    }
}
