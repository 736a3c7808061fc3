package io.cairn.cli.migrate;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.cairn.cli.Json;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.migrate.Migrations;
import io.cairn.migrate.ValidateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cairn migrate validate}: checksum drift, missing and failed migrations; exit 1 when any. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Check applied migrations against the files (drift, missing, failed); exit 1 on problems.")
final class MigrateValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    MigrationAccess access;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<ValidateResult> results = new ArrayList<>();
        try (DataManager dm = DataManager.open(MigrationAccess.config(spec))) {
            Migrations migrations = MigrationAccess.migrations(dm);
            for (String db : access.databases(dm)) {
                results.add(migrations.validate(db));
            }
        }
        if (access.json) {
            Json.print(out, results);
        } else {
            results.forEach(result -> MigrateRendering.validated(out, result));
        }
        return results.stream().allMatch(ValidateResult::valid) ? 0 : ErrorCode.UNHEALTHY.exitCode();
    }
}
