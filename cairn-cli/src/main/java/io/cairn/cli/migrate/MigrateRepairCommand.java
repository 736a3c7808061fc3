package io.cairn.cli.migrate;

import io.cairn.Cairn;
import io.cairn.repository.ProgressListener;

import java.io.PrintWriter;
import java.util.List;

import io.cairn.migrate.RepairResult;
import picocli.CommandLine.Command;

/** {@code cairn migrate repair}: remove failed entries, re-align checksums, mark vanished files deleted. */
@Command(name = "repair", description = "Remove failed entries, accept changed checksums, mark applied files that are gone as deleted.")
final class MigrateRepairCommand extends MigrationCommand<List<RepairResult>> {

    @Override
    protected List<RepairResult> run(Cairn cairn, ProgressListener progress) {
        return access.databases(cairn).stream().map(cairn.migrations()::repair).toList();
    }

    @Override
    protected void print(PrintWriter out, List<RepairResult> results) {
        results.forEach(result -> MigrateRendering.repaired(out, result));
    }
}
