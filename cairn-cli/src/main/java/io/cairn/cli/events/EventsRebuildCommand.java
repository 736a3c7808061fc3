package io.cairn.cli.events;

import io.cairn.Cairn;
import io.cairn.events.ProjectionStatus;
import io.cairn.repository.ProgressListener;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cairn events rebuild NAME}: a new generation built aside, swapped in once caught up. */
@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = "Rebuild a projection into a new table aside; its owner swaps it in once it has caught up "
                + "(readers see the old table until then).")
final class EventsRebuildCommand extends EventStoreCommand<ProjectionStatus> {
    @Parameters(index = "0", paramLabel = "NAME", description = "The projection (see cairn events projections).")
    String name;

    @Override
    protected ProjectionStatus run(Cairn cairn, ProgressListener progress) {
        String database = database(cairn);
        cairn.events().rebuild(database, name);
        return cairn.events().status(database, name);
    }

    @Override
    protected void print(PrintWriter out, ProjectionStatus status) {
        out.println("projection " + status.name() + " on " + status.db() + ": rebuilding generation "
                + status.rebuilding().map(String::valueOf).orElse("?") + " aside; generation " + status.generation()
                + " stays live until the owner (" + status.owner().orElse("none yet") + ") swaps it in");
    }
}
