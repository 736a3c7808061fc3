package io.cairn.cli.repo;

import java.io.PrintWriter;
import java.time.Duration;

import io.cairn.cli.Bytes;
import io.cairn.cli.Durations;
import io.cairn.repository.ProgressListener;
import io.cairn.repository.PruneOptions;
import io.cairn.repository.PruneResult;
import io.cairn.repository.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn prune}: delete data no snapshot uses, repacking partly used packs, under an exclusive lock. */
@Command(name = "prune", description = "Delete data that no snapshot uses (exclusive lock; backups wait or fail fast).")
public final class PruneCommand extends RepositoryCommand<PruneResult> {
    @Option(names = "--max-unused", paramLabel = "PERCENT", description = "Repack packs with more than this share unused (default 5).")
    Double maxUnusedPercent;
    @Option(names = "--orphan-grace", paramLabel = "HOURS",
            description = "Keep unindexed packs younger than this, since a running backup may still index them (default 24).")
    Long orphanGraceHours;
    @Option(names = {"-n", "--dry-run"}, description = "Show what would be deleted; delete nothing.")
    boolean dryRun;

    @Override
    protected PruneResult run(Repository repository, ProgressListener progress) {
        PruneOptions options = PruneOptions.defaults();
        if (maxUnusedPercent != null) {
            options = options.withMaxUnused(maxUnusedPercent / 100.0);
        }
        if (orphanGraceHours != null) {
            options = options.withOrphanGrace(Duration.ofHours(orphanGraceHours));
        }
        if (dryRun) {
            options = options.withDryRun();
        }
        return repository.prune(options, progress);
    }

    @Override
    protected void print(PrintWriter out, PruneResult result) {
        out.printf("%s%d of %d packs deleted, %d repacked into %d; %d unused blobs, %s freed in %s%n",
                dryRun ? "(dry run) " : "", result.packsDeleted(), result.packsBefore(), result.packsRepacked(),
                result.packsWritten(), result.blobsRemoved(), Bytes.human(result.bytesFreed()), Durations.human(result.duration()));
        if (result.orphanPacksKept() > 0) {
            out.printf("  kept %d unindexed pack(s) younger than the grace period (a backup may be writing them)%n",
                    result.orphanPacksKept());
        }
    }
}
