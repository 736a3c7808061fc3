package io.cairn.cli.events;

import io.cairn.Cairn;
import io.cairn.cli.Durations;
import io.cairn.cli.Table;
import io.cairn.events.ProjectionStatus;
import io.cairn.repository.ProgressListener;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code cairn events projections}: where each projection stands. */
@Command(name = "projections", mixinStandardHelpOptions = true,
        description = "List the projections: position, lag in events and time, state and owner. "
                + "Exit code 1 when one is PAUSED or STALLED.")
final class EventsProjectionsCommand extends EventStoreCommand<List<ProjectionStatus>> {

    @Override
    protected List<ProjectionStatus> run(Cairn cairn, ProgressListener progress) {
        return cairn.events().projections(database(cairn));
    }

    @Override
    protected void print(PrintWriter out, List<ProjectionStatus> projections) {
        if (projections.isEmpty()) {
            out.println("no projections");
            return;
        }
        Table table = new Table("PROJECTION", "GENERATION", "POSITION", "LAG", "LAG TIME", "STATE", "OWNER");
        for (ProjectionStatus p : projections) {
            table.row(p.name(), p.generation() + p.rebuilding().map(g -> " (rebuilding " + g + ")").orElse(""),
                    p.position(), p.lagEvents(), Durations.human(p.lagTime()), p.liveness(), p.owner().orElse("-"));
        }
        table.print(out);
        projections.forEach(p -> p.pausedOn().ifPresent(why -> out.println(p.name() + " is paused on " + why
                + " (fix the projection, deploy, then cairn events resume " + p.name() + ")")));
    }

    /** 1 when a projection needs an operator: paused on a poison event, or stalled. */
    @Override
    protected int exitCode(List<ProjectionStatus> projections) {
        return projections.stream().anyMatch(p -> p.liveness() == ProjectionStatus.Liveness.PAUSED
                || p.liveness() == ProjectionStatus.Liveness.STALLED) ? 1 : 0;
    }
}
