package io.cairn.cli.events;

import io.cairn.Cairn;
import io.cairn.cli.ResultCommand;
import picocli.CommandLine.Option;

/**
 * A {@code cairn events} command: the configuration file's databases and {@code events:} section,
 * through the facade; {@code --db} names the database (default: {@code events.database}, else the
 * only PostgreSQL database).
 *
 * @param <R> the operation's result record
 */
abstract class EventStoreCommand<R> extends ResultCommand<R> {
    @Option(names = "--db", paramLabel = "ID",
            description = "The database of the event store (default: events.database, else the only PostgreSQL database).")
    String db;

    @Override
    protected Cairn open() {
        return root().cairnWithConfig("the event store's database is read from it").open();
    }

    /** The database asked for, or the default one. */
    protected final String database(Cairn cairn) {
        return db != null ? db : cairn.events().defaultDatabase();
    }
}
