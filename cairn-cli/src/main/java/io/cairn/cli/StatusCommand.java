package io.cairn.cli;

import java.io.PrintWriter;

import io.cairn.Cairn;
import io.cairn.core.ErrorCode;
import io.cairn.core.HealthReport;
import io.cairn.core.HealthStatus;
import io.cairn.repository.ProgressListener;
import picocli.CommandLine.Command;

/**
 * {@code cairn status}: the health of every configured database, checked in parallel, each
 * bounded by its connect timeout. Exit 0 when all are up, 1 when any is degraded or down.
 */
@Command(name = "status", description = "Show the health of every configured database.")
public final class StatusCommand extends ResultCommand<HealthReport> {

    @Override
    protected Cairn open() {
        return Cairn.configure(root().configFile()).open();
    }

    /** The table names every database that is down and why; the library's log line for it would repeat that. */
    @Override
    protected boolean resultSaysItAll() {
        return true;
    }

    @Override
    protected HealthReport run(Cairn cairn, ProgressListener progress) {
        return cairn.databases().health();
    }

    @Override
    protected void print(PrintWriter out, HealthReport report) {
        HealthRendering.print(out, report);
    }

    @Override
    protected int exitCode(HealthReport report) {
        return report.overall() == HealthStatus.UP ? 0 : ErrorCode.UNHEALTHY.exitCode();
    }
}
