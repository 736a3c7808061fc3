package io.cairn.cli.repo;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.cairn.cli.CairnCommand;
import io.cairn.cli.Json;
import io.cairn.cli.ProgressPrinter;
import io.cairn.repository.ProgressListener;
import io.cairn.repository.Repository;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What every command over an existing repository does: open it (options from
 * {@link RepositoryAccess}), run one operation with terminal progress, close it, then print
 * the operation's result record as a table or as JSON. Subclasses say only what they run
 * and how its result reads for people.
 *
 * @param <R> the operation's result record
 */
abstract class RepositoryCommand<R> implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    RepositoryAccess access;
    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    /** Runs the operation on the open repository. */
    protected abstract R run(Repository repository, ProgressListener progress);

    /** Prints the result for people. */
    protected abstract void print(PrintWriter out, R result);

    /** The exit code for this result: 0 unless the result itself reports a problem. */
    protected int exitCode(R result) {
        return 0;
    }

    @Override
    public final Integer call() {
        R result;
        try (Repository repository = access.open(CairnCommand.of(spec).optionalConfig());
             ProgressPrinter progress = ProgressPrinter.forTerminal(!json)) {
            result = run(repository, progress);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, result);
        } else {
            print(out, result);
        }
        return exitCode(result);
    }
}
