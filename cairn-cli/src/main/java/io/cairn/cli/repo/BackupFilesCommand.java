package io.cairn.cli.repo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.cairn.cli.Bytes;
import io.cairn.cli.Durations;
import io.cairn.cli.Interrupted;
import io.cairn.repository.BackupOptions;
import io.cairn.repository.BackupResult;
import io.cairn.repository.ProgressListener;
import io.cairn.repository.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn backup files PATH…}: back up files and directories into the repository. */
@Command(name = "files", description = "Back up files and directories into the repository as a new snapshot.")
public final class BackupFilesCommand extends RepositoryCommand<BackupResult> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories to back up.")
    List<Path> paths;
    @Option(names = "--tag", paramLabel = "TAG", description = "Tag the snapshot (repeatable).")
    List<String> tags = new ArrayList<>();
    @Option(names = "--exclude", paramLabel = "GLOB", description = "Skip paths matching GLOB (repeatable).")
    List<String> excludes = new ArrayList<>();
    @Option(names = "--host", description = "Host name to record (default: this machine's).")
    String host;
    @Option(names = "--parent", paramLabel = "SNAPSHOT", description = "Compare with this snapshot instead of the latest one of the same paths.")
    String parent;

    @Override
    protected String interruptedMessage() {
        return Interrupted.NOTHING_SAVED;
    }

    @Override
    protected BackupResult run(Repository repository, ProgressListener progress) {
        BackupOptions options = BackupOptions.defaults().withTags(tags.toArray(String[]::new))
                .withExcludes(excludes.toArray(String[]::new));
        if (host != null) {
            options = options.withHost(host);
        }
        if (parent != null) {
            options = options.withParent(parent);
        }
        return repository.backupFiles(paths.stream().map(Path::toAbsolutePath).toList(), options, progress);
    }

    @Override
    protected void print(PrintWriter out, BackupResult result) {
        out.printf("snapshot %s saved%s%n", result.shortId(), Interrupted.reusedPacks(result.packsAdopted()));
        out.printf("  files: %d new, %d changed, %d unchanged; %d directories%n",
                result.filesNew(), result.filesChanged(), result.filesUnchanged(), result.directories());
        out.printf("  read %s, added %s (%s stored after compression) in %s%n", Bytes.human(result.bytesRead()),
                Bytes.human(result.dataAdded()), Bytes.human(result.dataAddedStored()), Durations.human(result.duration()));
        result.warnings().forEach(warning -> out.println("  warning: " + warning));
    }
}
