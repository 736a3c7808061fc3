package io.cairn.cli.migrate;

import io.cairn.Cairn;
import io.cairn.repository.ProgressListener;

import java.io.PrintWriter;

import io.cairn.migrate.MigrationVersion;
import io.cairn.migrate.UndoResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn migrate undo [--to V]}: runs U files, newest first. */
@Command(name = "undo", description = "Undo the last applied migration, or with --to every one above a version, using U files.")
final class MigrateUndoCommand extends MigrationCommand<UndoResult> {

    @Option(names = "--to", paramLabel = "VERSION", description = "Undo every applied version above this one (0 for all).")
    String to;

    @Override
    protected UndoResult run(Cairn cairn, ProgressListener progress) {
        String db = access.single(cairn, "undo");
        return to == null ? cairn.migrations().undo(db) : cairn.migrations().undoTo(db, MigrationVersion.parse(to));
    }

    @Override
    protected void print(PrintWriter out, UndoResult result) {
        MigrateRendering.undone(out, result);
    }
}
