package io.cairn.cli.tx;

import io.cairn.cli.Table;
import io.cairn.tx.BranchResolution;
import io.cairn.tx.RecoveryResult;
import java.io.PrintWriter;

/** How a recovery run reads for people (shared by recover and resolve). */
final class RecoveryRendering {
    private RecoveryRendering() {
    }

    static void print(PrintWriter out, RecoveryResult result) {
        if (result.resolutions().isEmpty()) {
            out.println("no prepared branches");
        } else {
            Table table = new Table("GID", "DATABASE", "ACTION", "WHY");
            for (BranchResolution r : result.resolutions()) {
                table.row(r.gid(), r.db(), r.action(), r.detail());
            }
            table.print(out);
        }
        result.finished().forEach(gid -> out.println((result.dryRun() ? "would clean " : "cleaned ") + gid
                + ": every branch committed or gone"));
        result.problems().forEach(p -> out.println("problem: " + p));
        out.flush();
    }

    static int exitCode(RecoveryResult result) {
        return result.unresolved() ? 1 : 0;
    }
}
