package io.cairn.cli.repo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.cairn.cli.Bytes;
import io.cairn.cli.CairnCommand;
import io.cairn.cli.Json;
import io.cairn.cli.Table;
import io.cairn.repository.Repository;
import io.cairn.repository.SnapshotInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cairn snapshots}: list the snapshots in the repository, oldest first. */
@Command(name = "snapshots", description = "List the snapshots in the repository, oldest first.")
public final class SnapshotsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    RepositoryAccess access;
    @Option(names = "--tag", paramLabel = "TAG", description = "Only snapshots with this tag (repeatable: any of them).")
    List<String> tags = new ArrayList<>();
    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        List<SnapshotInfo> snapshots;
        try (Repository repository = access.open(CairnCommand.of(spec).optionalConfig())) {
            snapshots = repository.snapshots().stream()
                    .filter(s -> tags.isEmpty() || s.tags().stream().anyMatch(tags::contains))
                    .toList();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, snapshots);
            return 0;
        }
        Table table = new Table("ID", "TIME", "HOST", "TAGS", "PATHS", "FILES", "SIZE", "ADDED");
        for (SnapshotInfo s : snapshots) {
            table.row(s.shortId(), s.time().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), s.host(),
                    String.join(",", s.tags()), String.join(" ", s.paths()), s.files(), Bytes.human(s.bytes()),
                    Bytes.human(s.dataAddedStored()));
        }
        table.print(out);
        out.printf("%d snapshot(s)%n", snapshots.size());
        return 0;
    }
}
