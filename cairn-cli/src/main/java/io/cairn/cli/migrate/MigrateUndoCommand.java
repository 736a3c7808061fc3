package io.cairn.cli.migrate;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.cairn.cli.Json;
import io.cairn.core.DataManager;
import io.cairn.migrate.MigrationVersion;
import io.cairn.migrate.Migrations;
import io.cairn.migrate.UndoResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cairn migrate undo [--to V]}: runs U files, newest first. */
@Command(name = "undo", mixinStandardHelpOptions = true, description = "Undo the last applied migration, or with --to every one above a version, using U files.")
final class MigrateUndoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    MigrationAccess access;

    @Option(names = "--to", paramLabel = "VERSION", description = "Undo every applied version above this one (0 for all).")
    String to;

    @Override
    public Integer call() {
        UndoResult result;
        try (DataManager dm = DataManager.open(MigrationAccess.config(spec))) {
            Migrations migrations = MigrationAccess.migrations(dm);
            String db = access.single(dm, "undo");
            result = to == null ? migrations.undo(db) : migrations.undoTo(db, MigrationVersion.parse(to));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (access.json) {
            Json.print(out, result);
        } else {
            MigrateRendering.undone(out, result);
        }
        return 0;
    }
}
