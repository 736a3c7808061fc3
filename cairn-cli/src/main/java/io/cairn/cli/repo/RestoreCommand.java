package io.cairn.cli.repo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.cairn.cli.Bytes;
import io.cairn.cli.Durations;
import io.cairn.repository.ProgressListener;
import io.cairn.repository.Repository;
import io.cairn.repository.RestoreOptions;
import io.cairn.repository.RestoreResult;
import io.cairn.repository.SnapshotFilter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn restore SNAPSHOT --target DIR}: write a snapshot's files back to disk; {@code latest}
 * is the newest file backup matching --host/--path/--tag (restic's rule), so WAL and dumps that
 * other commands keep writing into the same repository never stand in for it.
 */
@Command(name = "restore", description = "Restore a snapshot (id, unique id prefix, or 'latest': the newest file backup "
        + "matching --host/--path/--tag) into a directory.")
public final class RestoreCommand extends RepositoryCommand<RestoreResult> {
    @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "Snapshot id, unique prefix, or 'latest'.")
    String snapshot;
    @Mixin
    SnapshotFilterFlags latest;
    @Option(names = {"-t", "--target"}, required = true, paramLabel = "DIR", description = "Directory to restore into.")
    Path target;
    @Option(names = "--include", paramLabel = "PATH", description = "Restore only this path of the snapshot (repeatable).")
    List<String> includes = new ArrayList<>();
    @Option(names = "--no-ownership", description = "Do not restore file owners (uid/gid).")
    boolean noOwnership;

    @Override
    protected RestoreResult run(Repository repository, ProgressListener progress) {
        RestoreOptions options = RestoreOptions.defaults().withIncludes(includes.toArray(String[]::new));
        if (noOwnership) {
            options = options.withoutOwnership();
        }
        // 'latest' is the newest file backup (never a WAL piece or dump written since), narrowed by the flags
        return repository.restore(snapshot, latest.narrow(SnapshotFilter.fileBackups()), target.toAbsolutePath(), options,
                progress);
    }

    @Override
    protected void print(PrintWriter out, RestoreResult result) {
        out.printf("restored snapshot %s into %s: %d files, %d directories, %d symlinks, %s in %s%n",
                result.snapshotId().substring(0, 8), result.target(), result.files(), result.directories(),
                result.symlinks(), Bytes.human(result.bytes()), Durations.human(result.duration()));
        result.warnings().forEach(warning -> out.println("  warning: " + warning));
    }
}
