package io.cairn.cli.tx;

import io.cairn.Cairn;
import io.cairn.repository.ProgressListener;
import io.cairn.tx.RecoveryResult;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn tx recover [--dry-run] [--json]}: commits what the log decided, rolls back the rest. */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = "Resolve in-doubt branches: commit those the coordinator log decided, roll back the rest (presumed abort). "
                + "Exit code 1 when a branch needs a person (see cairn tx resolve).")
final class TxRecoverCommand extends TransactionCommand<RecoveryResult> {
    @Option(names = "--dry-run", description = "Show what would be done and change nothing.")
    boolean dryRun;

    @Override
    protected RecoveryResult run(Cairn cairn, ProgressListener progress) {
        return cairn.transactions().recover(dryRun);
    }

    @Override
    protected void print(PrintWriter out, RecoveryResult result) {
        RecoveryRendering.print(out, result);
    }

    @Override
    protected int exitCode(RecoveryResult result) {
        return RecoveryRendering.exitCode(result);
    }
}
