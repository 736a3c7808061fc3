package io.cairn.cli.migrate;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.cairn.cli.Json;
import io.cairn.core.DataManager;
import io.cairn.migrate.InfoResult;
import io.cairn.migrate.Migrations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cairn migrate info}: every migration with its state — applied, pending, failed, drift. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Show every migration and its state: applied, pending, failed, drift.")
final class MigrateInfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    MigrationAccess access;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<InfoResult> results = new ArrayList<>();
        try (DataManager dm = DataManager.open(MigrationAccess.config(spec))) {
            Migrations migrations = MigrationAccess.migrations(dm);
            for (String db : access.databases(dm)) {
                results.add(migrations.info(db));
            }
        }
        if (access.json) {
            Json.print(out, results);
        } else {
            results.forEach(result -> MigrateRendering.info(out, result));
        }
        return 0;
    }
}
