package io.cairn.cli.migrate;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.cairn.cli.Json;
import io.cairn.core.DataManager;
import io.cairn.migrate.BaselineResult;
import io.cairn.migrate.MigrationVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cairn migrate baseline --version V}: adopt an existing database at version V. */
@Command(name = "baseline", mixinStandardHelpOptions = true, description = "Mark an existing database as being at a version; migrations up to it never run.")
final class MigrateBaselineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    MigrationAccess access;

    @Option(names = "--version", required = true, paramLabel = "VERSION", description = "The version the database is at.")
    String version;

    @Option(names = "--description", paramLabel = "TEXT", defaultValue = "baseline", description = "Recorded in the history (default: ${DEFAULT-VALUE}).")
    String description;

    @Override
    public Integer call() {
        BaselineResult result;
        try (DataManager dm = DataManager.open(MigrationAccess.config(spec))) {
            result = MigrationAccess.migrations(dm).baseline(access.single(dm, "baseline"), MigrationVersion.parse(version),
                    description);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (access.json) {
            Json.print(out, result);
        } else {
            out.printf("%s: baselined at version %s%n", result.database(), result.version());
        }
        return 0;
    }
}
