package io.cairn.cli.repo;

import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.cairn.SnapshotKind;
import io.cairn.cli.Bytes;
import io.cairn.cli.Table;
import io.cairn.repository.ProgressListener;
import io.cairn.repository.Repository;
import io.cairn.repository.SnapshotFilter;
import io.cairn.repository.SnapshotInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cairn snapshots}: the snapshots in the repository, oldest first. PostgreSQL base backups
 * and archived WAL (thousands of pieces while a streamer runs) are left out unless asked for with
 * --all or --kind; {@code cairn pg backups} is their listing.
 */
@Command(name = "snapshots", description = "List the snapshots in the repository, oldest first "
        + "(PostgreSQL backups and WAL only with --all or --kind).")
public final class SnapshotsCommand extends RepositoryCommand<List<SnapshotInfo>> {
    @Mixin
    SnapshotFilterFlags filter;
    @Option(names = "--kind", paramLabel = "KIND", split = ",",
            description = "Only snapshots of these kinds: files, dump, pg-backup, pg-wal, other (repeatable).")
    List<String> kinds = new ArrayList<>();
    @Option(names = {"-a", "--all"}, description = "Every snapshot, PostgreSQL base backups and WAL included.")
    boolean all;

    private int hidden;

    @Override
    protected List<SnapshotInfo> run(Repository repository, ProgressListener progress) {
        List<SnapshotInfo> matching = repository.snapshots(filter.narrow(SnapshotFilter.all()));
        Set<SnapshotKind> wanted = wanted();
        List<SnapshotInfo> shown = matching.stream().filter(s -> wanted.contains(SnapshotKind.of(s))).toList();
        hidden = all || !kinds.isEmpty() ? 0 : matching.size() - shown.size();
        return shown;
    }

    private Set<SnapshotKind> wanted() {
        if (all) {
            return EnumSet.allOf(SnapshotKind.class);
        }
        if (!kinds.isEmpty()) {
            Set<SnapshotKind> named = EnumSet.noneOf(SnapshotKind.class);
            kinds.forEach(kind -> named.add(SnapshotKind.parse(kind)));
            return named;
        }
        Set<SnapshotKind> listed = EnumSet.noneOf(SnapshotKind.class);
        for (SnapshotKind kind : SnapshotKind.values()) {
            if (kind.listedByDefault()) {
                listed.add(kind);
            }
        }
        return listed;
    }

    @Override
    protected void print(PrintWriter out, List<SnapshotInfo> snapshots) {
        Table table = new Table("ID", "TIME", "HOST", "TAGS", "PATHS", "FILES", "SIZE", "ADDED");
        for (SnapshotInfo s : snapshots) {
            table.row(s.shortId(), s.time().truncatedTo(ChronoUnit.SECONDS), s.host(), String.join(",", s.tags()),
                    String.join(" ", s.paths()), s.files(), Bytes.human(s.bytes()), Bytes.human(s.dataAddedStored()));
        }
        table.print(out);
        out.printf("%d snapshot(s)%s%n", snapshots.size(), hidden == 0 ? ""
                : "; " + hidden + " PostgreSQL backup and WAL snapshot(s) not shown (--all, or see `cairn pg backups`)");
    }
}
