package io.cairn.cli.repo;

import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.cairn.cli.Bytes;
import io.cairn.cli.Table;
import io.cairn.repository.ProgressListener;
import io.cairn.repository.Repository;
import io.cairn.repository.SnapshotInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn snapshots}: list the snapshots in the repository, oldest first. */
@Command(name = "snapshots", description = "List the snapshots in the repository, oldest first.")
public final class SnapshotsCommand extends RepositoryCommand<List<SnapshotInfo>> {
    @Option(names = "--tag", paramLabel = "TAG", description = "Only snapshots with this tag (repeatable: any of them).")
    List<String> tags = new ArrayList<>();

    @Override
    protected List<SnapshotInfo> run(Repository repository, ProgressListener progress) {
        return repository.snapshots().stream()
                .filter(s -> tags.isEmpty() || s.tags().stream().anyMatch(tags::contains))
                .toList();
    }

    @Override
    protected void print(PrintWriter out, List<SnapshotInfo> snapshots) {
        Table table = new Table("ID", "TIME", "HOST", "TAGS", "PATHS", "FILES", "SIZE", "ADDED");
        for (SnapshotInfo s : snapshots) {
            table.row(s.shortId(), s.time().truncatedTo(ChronoUnit.SECONDS), s.host(), String.join(",", s.tags()),
                    String.join(" ", s.paths()), s.files(), Bytes.human(s.bytes()), Bytes.human(s.dataAddedStored()));
        }
        table.print(out);
        out.printf("%d snapshot(s)%n", snapshots.size());
    }
}
