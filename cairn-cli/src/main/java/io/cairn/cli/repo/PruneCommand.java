package io.cairn.cli.repo;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.cairn.cli.Bytes;
import io.cairn.cli.CairnCommand;
import io.cairn.cli.Durations;
import io.cairn.cli.Json;
import io.cairn.cli.ProgressPrinter;
import io.cairn.repository.PruneOptions;
import io.cairn.repository.PruneResult;
import io.cairn.repository.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cairn prune}: delete data no snapshot uses, repacking partly used packs, under an exclusive lock. */
@Command(name = "prune", description = "Delete data that no snapshot uses (exclusive lock; backups wait or fail fast).")
public final class PruneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    RepositoryAccess access;
    @Option(names = "--max-unused", paramLabel = "PERCENT", description = "Repack packs with more than this share unused (default 5).")
    Double maxUnusedPercent;
    @Option(names = "--orphan-grace", paramLabel = "HOURS",
            description = "Keep unindexed packs younger than this, since a running backup may still index them (default 24).")
    Long orphanGraceHours;
    @Option(names = {"-n", "--dry-run"}, description = "Show what would be deleted; delete nothing.")
    boolean dryRun;
    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
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
        PruneResult result;
        try (Repository repository = access.open(CairnCommand.of(spec).optionalConfig());
             ProgressPrinter progress = ProgressPrinter.forTerminal(!json)) {
            result = repository.prune(options, progress);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, result);
            return 0;
        }
        out.printf("%s%d of %d packs deleted, %d repacked into %d; %d unused blobs, %s freed in %s%n",
                dryRun ? "(dry run) " : "", result.packsDeleted(), result.packsBefore(), result.packsRepacked(),
                result.packsWritten(), result.blobsRemoved(), Bytes.human(result.bytesFreed()), Durations.human(result.duration()));
        if (result.orphanPacksKept() > 0) {
            out.printf("  kept %d unindexed pack(s) younger than the grace period (a backup may be writing them)%n",
                    result.orphanPacksKept());
        }
        return 0;
    }
}
