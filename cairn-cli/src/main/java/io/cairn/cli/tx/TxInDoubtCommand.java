package io.cairn.cli.tx;

import io.cairn.Cairn;
import io.cairn.cli.Durations;
import io.cairn.cli.Table;
import io.cairn.repository.ProgressListener;
import io.cairn.tx.InDoubtBranch;
import io.cairn.tx.InDoubtReport;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code cairn tx in-doubt [--json]}: every prepared branch of this coordinator and what the log says about it. */
@Command(name = "in-doubt", mixinStandardHelpOptions = true,
        description = "List prepared branches of this coordinator on every database and what the coordinator log says about each.")
final class TxInDoubtCommand extends TransactionCommand<InDoubtReport> {

    @Override
    protected InDoubtReport run(Cairn cairn, ProgressListener progress) {
        return cairn.transactions().inDoubt();
    }

    @Override
    protected void print(PrintWriter out, InDoubtReport report) {
        out.println("coordinator " + report.coordinator() + ", log " + report.log()
                + (report.logDamaged() ? " (DAMAGED: undecided branches need cairn tx resolve)" : ""));
        if (report.branches().isEmpty()) {
            out.println("no prepared branches");
        } else {
            Table table = new Table("GID", "DATABASE", "AGE", "LOG SAYS", "ALERT");
            for (InDoubtBranch b : report.branches()) {
                table.row(b.gid(), b.db(), Durations.human(b.age()), b.outcome(), b.alert() ? "older than alert-after" : "");
            }
            table.print(out);
        }
        report.unreachable().forEach(line -> out.println("not asked: " + line));
        out.flush();
    }

    /** 1 when a branch is older than alert-after or a database could not be asked, so scripts can alert. */
    @Override
    protected int exitCode(InDoubtReport report) {
        return report.alerts() > 0 || !report.unreachable().isEmpty() || report.logDamaged() ? 1 : 0;
    }
}
