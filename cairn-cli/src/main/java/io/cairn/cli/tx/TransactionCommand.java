package io.cairn.cli.tx;

import io.cairn.Cairn;
import io.cairn.cli.ResultCommand;

/**
 * A {@code cairn tx} command: the configuration file's databases and {@code transactions:}
 * section, through the facade (no repository).
 *
 * @param <R> the operation's result record
 */
abstract class TransactionCommand<R> extends ResultCommand<R> {
    @Override
    protected Cairn open() {
        return root().cairnWithConfig("the coordinator's databases and transactions: section are read from it").open();
    }
}
