package io.cairn.cli.events;

import io.cairn.Cairn;
import io.cairn.cli.RepositoryFlags;
import io.cairn.events.EventImportResult;
import io.cairn.repository.ProgressListener;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code cairn events import SNAPSHOT --db ID}: an export read back into an event store, in one transaction. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import an events export snapshot into the event store of --db in one transaction, after "
                + "checking its count and hash; events already there with the same content are skipped.")
final class EventsImportCommand extends EventStoreCommand<EventImportResult> {
    @Mixin
    RepositoryFlags repository;
    @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "The export's snapshot id or a unique prefix.")
    String snapshot;

    @Override
    protected Cairn open() {
        return repository.applyTo(root().cairnWithConfig("the event store's database is read from it")).open();
    }

    @Override
    protected EventImportResult run(Cairn cairn, ProgressListener progress) {
        return cairn.events().importSnapshot(snapshot, database(cairn));
    }

    @Override
    protected void print(PrintWriter out, EventImportResult result) {
        out.println("imported " + result.imported() + " events of snapshot " + result.shortId() + " (from "
                + result.sourceDb() + ") into " + result.db() + ", skipped " + result.skipped()
                + " already present; count " + result.events() + " and sha256 " + result.sha256() + " verified");
    }
}
