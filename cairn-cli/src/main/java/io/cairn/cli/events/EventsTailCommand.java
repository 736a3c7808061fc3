package io.cairn.cli.events;

import io.cairn.Cairn;
import io.cairn.cli.Table;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.events.EventPage;
import io.cairn.events.Position;
import io.cairn.events.RecordedEvent;
import io.cairn.repository.ProgressListener;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn events tail}: events in the global order from a position. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Print events in the global order after a position (only those readers may see now).")
final class EventsTailCommand extends EventStoreCommand<EventPage> {
    @Option(names = "--from", paramLabel = "POSITION",
            description = "Start after this position, TRANSACTION:SEQUENCE as printed (default: the beginning).")
    String from;
    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "Print at most N events (default: 20).")
    int limit;

    @Override
    protected EventPage run(Cairn cairn, ProgressListener progress) {
        return cairn.events().tail(database(cairn), after(), limit);
    }

    private Position after() {
        if (from == null) {
            return Position.START;
        }
        try {
            return Position.parse(from);
        } catch (IllegalArgumentException e) {
            throw new CairnException(ErrorCode.USAGE, "--from: " + e.getMessage() + " (as printed by cairn events tail)");
        }
    }

    @Override
    protected void print(PrintWriter out, EventPage page) {
        if (page.events().isEmpty()) {
            out.println("database " + page.db() + ": no events after " + page.after());
            return;
        }
        Table table = new Table("POSITION", "STREAM", "VERSION", "TYPE", "RECORDED");
        for (RecordedEvent event : page.events()) {
            table.row(event.position(), event.stream(), event.version(), event.type() + " v" + event.schemaVersion(),
                    event.recordedAt());
        }
        table.print(out);
        page.next().ifPresent(next -> out.println("next: cairn events tail --db " + page.db() + " --from " + next));
    }
}
