package io.cairn.cli.repo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import io.cairn.cli.Table;
import io.cairn.repository.ForgetResult;
import io.cairn.repository.ProgressListener;
import io.cairn.repository.Repository;
import io.cairn.repository.RetentionPolicy;
import io.cairn.repository.SnapshotInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn forget}: remove snapshots by a retention policy (restic's semantics, grouped by
 * host and paths) or by id. Data goes away only at the next {@code cairn prune}.
 */
@Command(name = "forget", description = "Remove snapshots by retention policy or by id; run 'cairn prune' to free their data.")
public final class ForgetCommand extends RepositoryCommand<ForgetResult> {
    @Parameters(arity = "0..*", paramLabel = "SNAPSHOT", description = "Snapshots to remove (instead of a policy).")
    List<String> snapshots = new ArrayList<>();
    @Option(names = "--keep-last", paramLabel = "N", description = "Keep the N newest snapshots.")
    int keepLast;
    @Option(names = "--keep-hourly", paramLabel = "N", description = "Keep the newest snapshot of each of the last N hours that have one.")
    int keepHourly;
    @Option(names = "--keep-daily", paramLabel = "N", description = "… of each of the last N days.")
    int keepDaily;
    @Option(names = "--keep-weekly", paramLabel = "N", description = "… of each of the last N ISO weeks.")
    int keepWeekly;
    @Option(names = "--keep-monthly", paramLabel = "N", description = "… of each of the last N months.")
    int keepMonthly;
    @Option(names = "--keep-yearly", paramLabel = "N", description = "… of each of the last N years.")
    int keepYearly;
    @Option(names = "--keep-within", paramLabel = "DURATION", description = "Keep snapshots newer than DURATION before the newest (e.g. 2y5m7d3h).")
    String keepWithin;
    @Option(names = "--keep-tag", paramLabel = "TAG[,TAG]", description = "Keep snapshots that have all these tags (repeatable).")
    List<String> keepTags = new ArrayList<>();
    @Option(names = {"-n", "--dry-run"}, description = "Show what would be removed; remove nothing.")
    boolean dryRun;
    @Override
    protected ForgetResult run(Repository repository, ProgressListener progress) {
        return snapshots.isEmpty() ? repository.forget(policy(), dryRun) : repository.forgetSnapshots(snapshots, dryRun);
    }

    @Override
    protected void print(PrintWriter out, ForgetResult result) {
        for (ForgetResult.Group group : result.groups()) {
            out.printf("host %s, paths %s: keep %d, remove %d%n", group.host(), String.join(" ", group.paths()),
                    group.keep().size(), group.remove().size());
            Table table = new Table("ID", "TIME", "ACTION", "REASONS");
            for (ForgetResult.Kept kept : group.keep()) {
                table.row(kept.snapshot().shortId(), time(kept.snapshot()), "keep", String.join(", ", kept.reasons()));
            }
            for (SnapshotInfo removed : group.remove()) {
                table.row(removed.shortId(), time(removed), dryRun ? "would remove" : "removed", "");
            }
            table.print(out);
        }
        out.printf(dryRun ? "%d snapshot(s) would be removed (dry run)%n" : "%d snapshot(s) removed; run 'cairn prune' to free their data%n",
                result.removed());
    }

    private RetentionPolicy policy() {
        RetentionPolicy policy = RetentionPolicy.none().withKeepLast(keepLast).withKeepHourly(keepHourly)
                .withKeepDaily(keepDaily).withKeepWeekly(keepWeekly).withKeepMonthly(keepMonthly).withKeepYearly(keepYearly);
        if (keepWithin != null) {
            policy = policy.withKeepWithin(RetentionPolicy.parseWithin(keepWithin));
        }
        for (String tags : keepTags) {
            policy = policy.withKeepTag(tags.split(","));
        }
        if (policy.isEmpty()) {
            throw new io.cairn.core.CairnException(io.cairn.core.ErrorCode.USAGE, "forget needs snapshot ids or at least one --keep-* option; "
                    + "refusing to remove every snapshot");
        }
        return policy;
    }

    private static Object time(SnapshotInfo snapshot) {
        return snapshot.time().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }
}
