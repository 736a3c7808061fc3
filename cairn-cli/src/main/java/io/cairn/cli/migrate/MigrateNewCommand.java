package io.cairn.cli.migrate;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.cairn.cli.Json;
import io.cairn.core.DataManager;
import io.cairn.migrate.NewMigrationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cairn migrate new <name>}: the next V file and its U file, ready to edit. */
@Command(name = "new", mixinStandardHelpOptions = true, description = "Create the next versioned migration file and its undo file.")
final class MigrateNewCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    MigrationAccess access;

    @Parameters(paramLabel = "NAME", arity = "1..*", description = "What the migration does, e.g. add orders.")
    java.util.List<String> name;

    @Override
    public Integer call() {
        NewMigrationResult result;
        // no connection is made: DataManager.open never contacts a database
        try (DataManager dm = DataManager.open(MigrationAccess.config(spec))) {
            result = MigrationAccess.migrations(dm).newMigration(access.single(dm, "new"), String.join(" ", name));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (access.json) {
            Json.print(out, result);
        } else {
            out.printf("%s: created version %s%n", result.database(), result.version());
            result.files().forEach(file -> out.printf("  %s%n", file));
        }
        return 0;
    }
}
