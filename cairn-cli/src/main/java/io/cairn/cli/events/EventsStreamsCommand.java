package io.cairn.cli.events;

import io.cairn.Cairn;
import io.cairn.cli.Table;
import io.cairn.events.StreamSummary;
import io.cairn.events.StreamsReport;
import io.cairn.repository.ProgressListener;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn events streams}: the streams, most recently appended first. */
@Command(name = "streams", mixinStandardHelpOptions = true,
        description = "List the streams of the event store, most recently appended first: version and last event time.")
final class EventsStreamsCommand extends EventStoreCommand<StreamsReport> {
    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "Show at most N streams (default: 50).")
    int limit;

    @Override
    protected StreamsReport run(Cairn cairn, ProgressListener progress) {
        return cairn.events().streams(database(cairn), limit);
    }

    @Override
    protected void print(PrintWriter out, StreamsReport report) {
        out.println("database " + report.db() + ": " + report.streams() + " streams"
                + (report.streams() > report.newest().size() ? " (newest " + report.newest().size() + " shown)" : ""));
        if (!report.newest().isEmpty()) {
            Table table = new Table("STREAM", "VERSION", "LAST EVENT");
            for (StreamSummary stream : report.newest()) {
                table.row(stream.stream(), stream.version(), stream.lastEventAt());
            }
            table.print(out);
        }
    }
}
