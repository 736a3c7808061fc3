package io.cairn.cli.repo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import io.cairn.cli.RetentionFlags;
import io.cairn.cli.Table;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.ForgetResult;
import io.cairn.repository.ProgressListener;
import io.cairn.repository.Repository;
import io.cairn.repository.RetentionPolicy;
import io.cairn.repository.SnapshotInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
    @Mixin
    RetentionFlags retention;
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
        RetentionPolicy policy = retention.policy().orElseGet(RetentionPolicy::none);
        for (String tags : keepTags) {
            policy = policy.withKeepTag(tags.split(","));
        }
        if (policy.isEmpty()) {
            throw new CairnException(ErrorCode.USAGE, "forget needs snapshot ids or at least one --keep-* option; "
                    + "refusing to remove every snapshot");
        }
        return policy;
    }

    private static Object time(SnapshotInfo snapshot) {
        return snapshot.time().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }
}
