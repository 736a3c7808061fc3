package io.cairn.cli.migrate;

import io.cairn.Cairn;
import io.cairn.cli.ResultCommand;
import picocli.CommandLine.Mixin;

/**
 * A {@code cairn migrate} command: the configuration file's databases and {@code migrations:}
 * settings, through the facade (no repository).
 *
 * @param <R> the operation's result record
 */
abstract class MigrationCommand<R> extends ResultCommand<R> {
    @Mixin
    MigrationAccess access;

    @Override
    protected Cairn open() {
        return root().cairnWithConfig("migrations need one naming the databases").open();
    }
}
