package io.cairn.cli.dump;

import java.util.Optional;

import io.cairn.Cairn;
import io.cairn.cli.RepositoryFlags;
import io.cairn.cli.ResultCommand;
import picocli.CommandLine.Mixin;

/**
 * A dump command: the configuration's databases (when there is a file; {@code cairn dumps} works
 * without) and the repository, through the facade.
 *
 * @param <R> the operation's result record
 */
abstract class DumpFamilyCommand<R> extends ResultCommand<R> {
    @Mixin
    RepositoryFlags repository;

    /** The database the command works on, which must then be configured; empty for none. */
    protected abstract Optional<String> database();

    @Override
    protected Cairn open() {
        Optional<String> db = database();
        if (db.isEmpty()) {
            return repository.applyTo(root().cairn()).open();
        }
        Cairn cairn = repository.applyTo(root().cairnWithConfig("database '" + db.get() + "' needs a config file "
                + "that defines it")).open();
        try {
            cairn.config().database(db.get());
            return cairn;
        } catch (RuntimeException e) {
            cairn.close();
            throw e;
        }
    }
}
