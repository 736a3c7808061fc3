package io.cairn.cli.migrate;

import io.cairn.Cairn;
import io.cairn.repository.ProgressListener;

import java.io.PrintWriter;

import io.cairn.migrate.BaselineResult;
import io.cairn.migrate.MigrationVersion;
import io.cairn.cli.HelpOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cairn migrate baseline --version V}: adopt an existing database at version V. */
@Command(name = "baseline", mixinStandardHelpOptions = false, description = "Mark an existing database as being at a version; migrations up to it never run.")
final class MigrateBaselineCommand extends MigrationCommand<BaselineResult> {
    // its --version is the baseline version, so it takes -h/--help without -V/--version
    @Mixin
    HelpOption help;

    @Option(names = "--version", required = true, paramLabel = "VERSION", description = "The version the database is at.")
    String version;

    @Option(names = "--description", paramLabel = "TEXT", defaultValue = "baseline", description = "Recorded in the history (default: ${DEFAULT-VALUE}).")
    String description;

    @Override
    protected BaselineResult run(Cairn cairn, ProgressListener progress) {
        return cairn.migrations().baseline(access.single(cairn, "baseline"), MigrationVersion.parse(version), description);
    }

    @Override
    protected void print(PrintWriter out, BaselineResult result) {
        out.printf("%s: baselined at version %s%n", result.database(), result.version());
    }
}
