package io.cairn.cli.events;

import io.cairn.Cairn;
import io.cairn.cli.Table;
import io.cairn.events.EventStats;
import io.cairn.repository.ProgressListener;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code cairn events stats}: event counts by type, total, newest position. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Count the events of the event store by type; the total, the streams and the newest position.")
final class EventsStatsCommand extends EventStoreCommand<EventStats> {

    @Override
    protected EventStats run(Cairn cairn, ProgressListener progress) {
        return cairn.events().stats(database(cairn));
    }

    @Override
    protected void print(PrintWriter out, EventStats stats) {
        out.println("database " + stats.db() + ": " + stats.total() + " events in " + stats.streams() + " streams"
                + stats.newest().map(p -> ", newest " + p).orElse("")
                + stats.newestAt().map(t -> " at " + t).orElse(""));
        if (!stats.types().isEmpty()) {
            Table table = new Table("TYPE", "EVENTS");
            stats.types().forEach(type -> table.row(type.type(), type.events()));
            table.print(out);
        }
    }
}
