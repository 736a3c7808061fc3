package io.cairn.cli.repo;

import io.cairn.Cairn;
import io.cairn.cli.RepositoryFlags;
import io.cairn.cli.ResultCommand;
import io.cairn.repository.ProgressListener;
import io.cairn.repository.Repository;
import picocli.CommandLine.Mixin;

/**
 * A command over an existing repository: the facade opened with the repository flags, the
 * configuration file when there is one. Subclasses say only what they run on the repository and
 * how its result reads for people.
 *
 * @param <R> the operation's result record
 */
abstract class RepositoryCommand<R> extends ResultCommand<R> {
    @Mixin
    RepositoryFlags repository;

    /** Runs the operation on the open repository. */
    protected abstract R run(Repository repository, ProgressListener progress);

    @Override
    protected Cairn open() {
        return repository.applyTo(root().cairn()).open();
    }

    @Override
    protected final R run(Cairn cairn, ProgressListener progress) {
        return run(cairn.repository(), progress);
    }
}
