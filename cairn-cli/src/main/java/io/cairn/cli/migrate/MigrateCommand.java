package io.cairn.cli.migrate;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.cairn.cli.Json;
import io.cairn.core.DataManager;
import io.cairn.migrate.DryRunResult;
import io.cairn.migrate.MigrateResult;
import io.cairn.migrate.MigrationVersion;
import io.cairn.migrate.Migrations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code cairn migrate [--db X] [--target V] [--dry-run] [--json]}: applies pending migrations
 * (every configured database unless --db); with --dry-run prints exactly the statements that
 * would run, in order, per file, and changes nothing.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply pending schema migrations (SQL, Redis, MongoDB); see subcommands for the rest.",
        subcommands = {MigrateInfoCommand.class, MigrateValidateCommand.class, MigrateUndoCommand.class,
            MigrateBaselineCommand.class, MigrateRepairCommand.class, MigrateNewCommand.class})
public final class MigrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    MigrationAccess access;

    @Option(names = "--target", paramLabel = "VERSION", description = "Stop at this version (inclusive; default: latest).")
    String target;

    @Option(names = "--dry-run", description = "Print the statements that would run, in order, and change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        Optional<MigrationVersion> version = Optional.ofNullable(target).map(MigrationVersion::parse);
        PrintWriter out = spec.commandLine().getOut();
        try (DataManager dm = DataManager.open(MigrationAccess.config(spec))) {
            Migrations migrations = MigrationAccess.migrations(dm);
            if (dryRun) {
                List<DryRunResult> plans = new ArrayList<>();
                for (String db : access.databases(dm)) {
                    plans.add(migrations.dryRun(db, version));
                }
                if (access.json) {
                    Json.print(out, plans);
                } else {
                    plans.forEach(plan -> MigrateRendering.dryRun(out, plan));
                }
                return 0;
            }
            List<MigrateResult> results = new ArrayList<>();
            for (String db : access.databases(dm)) {
                MigrateResult result = migrations.migrate(db, version);
                results.add(result);
                if (!access.json) {
                    MigrateRendering.migrated(out, result);
                }
            }
            if (access.json) {
                Json.print(out, results);
            }
        }
        out.flush();
        return 0;
    }
}
