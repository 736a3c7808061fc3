package io.cairn.cli.events;

import io.cairn.Cairn;
import io.cairn.events.ProjectionStatus;
import io.cairn.repository.ProgressListener;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cairn events resume NAME}: clears a pause on a poison event. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Resume a projection paused on a poison event: its owner applies that event again "
                + "(deploy the fixed projection first).")
final class EventsResumeCommand extends EventStoreCommand<ProjectionStatus> {
    @Parameters(index = "0", paramLabel = "NAME", description = "The projection (see cairn events projections).")
    String name;

    @Override
    protected ProjectionStatus run(Cairn cairn, ProgressListener progress) {
        String database = database(cairn);
        cairn.events().resume(database, name);
        return cairn.events().status(database, name);
    }

    @Override
    protected void print(PrintWriter out, ProjectionStatus status) {
        out.println("projection " + status.name() + " on " + status.db() + ": resumed at " + status.position()
                + ", now " + status.liveness());
    }
}
