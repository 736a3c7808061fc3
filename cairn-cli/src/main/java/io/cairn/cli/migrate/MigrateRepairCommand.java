package io.cairn.cli.migrate;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.cairn.cli.Json;
import io.cairn.core.DataManager;
import io.cairn.migrate.Migrations;
import io.cairn.migrate.RepairResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cairn migrate repair}: remove failed entries, re-align checksums, mark vanished files deleted. */
@Command(name = "repair", mixinStandardHelpOptions = true, description = "Remove failed entries, accept changed checksums, mark applied files that are gone as deleted.")
final class MigrateRepairCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    MigrationAccess access;

    @Override
    public Integer call() {
        List<RepairResult> results = new ArrayList<>();
        try (DataManager dm = DataManager.open(MigrationAccess.config(spec))) {
            Migrations migrations = MigrationAccess.migrations(dm);
            for (String db : access.databases(dm)) {
                results.add(migrations.repair(db));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (access.json) {
            Json.print(out, results);
        } else {
            results.forEach(result -> MigrateRendering.repaired(out, result));
        }
        return 0;
    }
}
