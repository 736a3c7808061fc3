package io.cairn.cli;

import java.util.concurrent.Callable;

import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.HealthReport;
import io.cairn.core.HealthStatus;
import io.cairn.core.config.CairnConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code cairn status}: the health of every configured database, checked in parallel, each
 * bounded by its connect timeout. Exit 0 when all are up, 1 when any is degraded or down.
 */
@Command(name = "status", description = "Show the health of every configured database.")
public final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    CairnCommand cairn;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        CairnConfig config = CairnConfig.load(cairn.configFile());
        HealthReport report;
        try (DataManager dm = DataManager.open(config)) {
            report = dm.health();
        }
        if (json) {
            Json.print(spec.commandLine().getOut(), report);
        } else {
            HealthRendering.print(spec.commandLine().getOut(), report);
        }
        return report.overall() == HealthStatus.UP ? 0 : ErrorCode.UNHEALTHY.exitCode();
    }
}
