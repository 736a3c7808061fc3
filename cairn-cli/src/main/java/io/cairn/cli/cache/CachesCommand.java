package io.cairn.cli.cache;

import io.cairn.Cairn;
import io.cairn.cli.ResultCommand;

/**
 * A {@code cairn cache} command: the configuration file's databases and {@code cache:} section,
 * through the facade.
 *
 * @param <R> the operation's result record
 */
abstract class CachesCommand<R> extends ResultCommand<R> {
    @Override
    protected Cairn open() {
        return root().cairnWithConfig("the cache: section and its Redis database are read from it").open();
    }
}
