package io.cairn.cli.pg;

import io.cairn.Cairn;
import io.cairn.cli.RepositoryFlags;
import io.cairn.cli.ResultCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A {@code cairn pg} command: one PostgreSQL database of the configuration file (--db) and the
 * repository (flags, else the config's {@code repository:} section), through the facade.
 *
 * @param <R> the operation's result record
 */
abstract class PostgresCommand<R> extends ResultCommand<R> {
    @Option(names = {"-d", "--db"}, required = true, paramLabel = "ID", description = "The PostgreSQL database id in the config file.")
    String db;
    @Mixin
    RepositoryFlags repository;

    @Override
    protected Cairn open() {
        return open(this);
    }

    /** The facade for a pg command: the configuration must exist and name the database. */
    static Cairn open(PostgresCommand<?> command) {
        Cairn cairn = command.repository.applyTo(command.root().cairnWithConfig(
                "cairn pg needs one naming database '" + command.db + "'")).open();
        try {
            cairn.config().database(command.db);
            return cairn;
        } catch (RuntimeException e) {
            cairn.close();
            throw e;
        }
    }
}
