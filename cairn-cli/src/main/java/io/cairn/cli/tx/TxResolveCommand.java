package io.cairn.cli.tx;

import io.cairn.Cairn;
import io.cairn.repository.ProgressListener;
import io.cairn.tx.RecoveryResult;
import java.io.PrintWriter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn tx resolve GID --commit|--rollback}: an operator's decision, recorded in the log, then carried out. */
@Command(name = "resolve", mixinStandardHelpOptions = true,
        description = "Decide a global transaction by hand (a heuristic case): the decision is written to the coordinator "
                + "log first, then every branch is committed or rolled back.")
final class TxResolveCommand extends TransactionCommand<RecoveryResult> {
    @Parameters(index = "0", paramLabel = "GID", description = "The global transaction id (see cairn tx in-doubt).")
    String gid;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Decision decision;

    static final class Decision {
        @Option(names = "--commit", required = true, description = "Commit every branch.")
        boolean commit;
        @Option(names = "--rollback", required = true, description = "Roll back every branch.")
        boolean rollback;
    }

    @Override
    protected RecoveryResult run(Cairn cairn, ProgressListener progress) {
        return cairn.transactions().resolve(gid, decision.commit);
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
