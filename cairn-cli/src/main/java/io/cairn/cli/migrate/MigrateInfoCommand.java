package io.cairn.cli.migrate;

import io.cairn.Cairn;
import io.cairn.repository.ProgressListener;

import java.io.PrintWriter;
import java.util.List;

import io.cairn.migrate.InfoResult;
import picocli.CommandLine.Command;

/** {@code cairn migrate info}: every migration with its state — applied, pending, failed, drift. */
@Command(name = "info", description = "Show every migration and its state: applied, pending, failed, drift.")
final class MigrateInfoCommand extends MigrationCommand<List<InfoResult>> {

    @Override
    protected List<InfoResult> run(Cairn cairn, ProgressListener progress) {
        return access.databases(cairn).stream().map(cairn.migrations()::info).toList();
    }

    @Override
    protected void print(PrintWriter out, List<InfoResult> results) {
        results.forEach(result -> MigrateRendering.info(out, result));
    }
}
