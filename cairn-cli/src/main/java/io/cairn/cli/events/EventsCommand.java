package io.cairn.cli.events;

import picocli.CommandLine.Command;

/** {@code cairn events …}: the event store's streams, events and projections, and exports to the repository. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Event store (CQRS): streams, events, projections, and time ranges exported to and imported "
                + "from the repository (docs/events.md).",
        subcommands = {EventsStreamsCommand.class, EventsTailCommand.class, EventsStatsCommand.class,
            EventsProjectionsCommand.class, EventsRebuildCommand.class, EventsResumeCommand.class,
            EventsExportCommand.class, EventsImportCommand.class})
public final class EventsCommand {
}
