package io.cairn.cli.migrate;

import io.cairn.Cairn;
import io.cairn.repository.ProgressListener;

import java.io.PrintWriter;

import io.cairn.migrate.NewMigrationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cairn migrate new <name>}: the next V file and its U file, ready to edit. */
@Command(name = "new", description = "Create the next versioned migration file and its undo file.")
final class MigrateNewCommand extends MigrationCommand<NewMigrationResult> {

    @Parameters(paramLabel = "NAME", arity = "1..*", description = "What the migration does, e.g. add orders.")
    java.util.List<String> name;

    @Override
    protected NewMigrationResult run(Cairn cairn, ProgressListener progress) {
        return cairn.migrations().newMigration(access.single(cairn, "new"), String.join(" ", name));
    }

    @Override
    protected void print(PrintWriter out, NewMigrationResult result) {
        out.printf("%s: created version %s%n", result.database(), result.version());
        result.files().forEach(file -> out.printf("  %s%n", file));
    }
}
