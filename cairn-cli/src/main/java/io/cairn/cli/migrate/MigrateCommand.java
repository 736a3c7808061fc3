package io.cairn.cli.migrate;

import io.cairn.Cairn;
import io.cairn.repository.ProgressListener;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.cairn.migrate.DryRunResult;
import io.cairn.migrate.MigrateResult;
import io.cairn.migrate.MigrationVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn migrate [--db X] [--target V] [--dry-run] [--json]}: applies pending migrations
 * (every configured database unless --db); with --dry-run prints exactly the statements that
 * would run, in order, per file, and changes nothing.
 */
@Command(name = "migrate", description = "Apply pending schema migrations (SQL, Redis, MongoDB); see subcommands for the rest.",
        subcommands = {MigrateInfoCommand.class, MigrateValidateCommand.class, MigrateUndoCommand.class,
            MigrateBaselineCommand.class, MigrateRepairCommand.class, MigrateNewCommand.class})
public final class MigrateCommand extends MigrationCommand<List<?>> {

    @Option(names = "--target", paramLabel = "VERSION", description = "Stop at this version (inclusive; default: latest).")
    String target;

    @Option(names = "--dry-run", description = "Print the statements that would run, in order, and change nothing.")
    boolean dryRun;

    @Override
    protected List<?> run(Cairn cairn, ProgressListener progress) {
        Optional<MigrationVersion> version = Optional.ofNullable(target).map(MigrationVersion::parse);
        if (dryRun) {
            return access.databases(cairn).stream().map(db -> cairn.migrations().dryRun(db, version)).toList();
        }
        List<MigrateResult> results = new ArrayList<>();
        for (String db : access.databases(cairn)) {
            results.add(cairn.migrations().migrate(db, version));
        }
        return results;
    }

    @Override
    protected void print(PrintWriter out, List<?> results) {
        for (Object result : results) {
            if (result instanceof DryRunResult plan) {
                MigrateRendering.dryRun(out, plan);
            } else {
                MigrateRendering.migrated(out, (MigrateResult) result);
            }
        }
    }
}
