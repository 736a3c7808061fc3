package io.cairn.cli.events;

import io.cairn.Cairn;
import io.cairn.cli.RepositoryFlags;
import io.cairn.events.EventExportResult;
import io.cairn.repository.ProgressListener;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cairn events export --from T1 --to T2}: a time range of events to a repository snapshot. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export the events recorded in [--from, --to) to a repository snapshot, with their count "
                + "and SHA-256 in its manifest.")
final class EventsExportCommand extends EventStoreCommand<EventExportResult> {
    @Mixin
    RepositoryFlags repository;
    @Option(names = "--from", required = true, paramLabel = "TIME",
            description = "First time included: 2024-05-01, 2024-05-01T12:00 (UTC) or with an offset.")
    String from;
    @Option(names = "--to", required = true, paramLabel = "TIME", description = "End of the range, excluded.")
    String to;

    @Override
    protected Cairn open() {
        return repository.applyTo(root().cairnWithConfig("the event store's database is read from it")).open();
    }

    @Override
    protected EventExportResult run(Cairn cairn, ProgressListener progress) {
        return cairn.events().exportRange(database(cairn), Instants.parse("--from", from), Instants.parse("--to", to));
    }

    @Override
    protected void print(PrintWriter out, EventExportResult result) {
        out.println("exported " + result.events() + " events of " + result.db() + " recorded in [" + result.from() + ", "
                + result.to() + ") to snapshot " + result.shortId() + " (" + result.bytes() + " bytes, sha256 "
                + result.sha256() + ")");
    }
}
