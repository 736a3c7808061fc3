package io.cairn.cli.migrate;

import io.cairn.Cairn;
import io.cairn.repository.ProgressListener;

import java.io.PrintWriter;
import java.util.List;

import io.cairn.core.ErrorCode;
import io.cairn.migrate.ValidateResult;
import picocli.CommandLine.Command;

/** {@code cairn migrate validate}: checksum drift, missing and failed migrations; exit 1 when any. */
@Command(name = "validate", description = "Check applied migrations against the files (drift, missing, failed); exit 1 on problems.")
final class MigrateValidateCommand extends MigrationCommand<List<ValidateResult>> {

    @Override
    protected List<ValidateResult> run(Cairn cairn, ProgressListener progress) {
        return access.databases(cairn).stream().map(cairn.migrations()::validate).toList();
    }

    @Override
    protected void print(PrintWriter out, List<ValidateResult> results) {
        results.forEach(result -> MigrateRendering.validated(out, result));
    }

    @Override
    protected int exitCode(List<ValidateResult> results) {
        return results.stream().allMatch(ValidateResult::valid) ? 0 : ErrorCode.UNHEALTHY.exitCode();
    }
}
