package io.cairn.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.cairn.Cairn;
import io.cairn.core.ErrorCode;
import io.cairn.repository.ProgressListener;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What every command of every family (repo, pg, dump, migrate, status) does: open the
 * {@link Cairn} facade, run one operation (with progress on a terminal), close it, print the
 * operation's result record as a table or, with --json, as JSON, and return the exit code the
 * result calls for. Subclasses say only how they open the facade, what they run, and how the
 * result reads for people; no command builds a DataManager, repository or capability itself.
 *
 * @param <R> the operation's result record
 */
public abstract class ResultCommand<R> implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;
    @Option(names = "--json", description = "Print the result as JSON.")
    protected boolean json;

    /** The facade this command works on (which configuration, which repository flags). */
    protected abstract Cairn open();

    /** Runs the operation. */
    protected abstract R run(Cairn cairn, ProgressListener progress);

    /** Prints the result for people. */
    protected abstract void print(PrintWriter out, R result);

    /** The exit code for this result: 0 unless the result itself reports a problem. */
    protected int exitCode(R result) {
        return 0;
    }

    /** The one line Ctrl-C prints while the command runs (after {@code cairn: }): what was kept, what was not. */
    protected String interruptedMessage() {
        return "interrupted";
    }

    /**
     * Called on Ctrl-C (from the shutdown hook, see {@link ShutdownGuard}): a command that runs
     * until stopped starts stopping and returns true, and then ends and prints its result as
     * usual; the default returns false, and Ctrl-C closes the facade under the command.
     */
    protected boolean stopForShutdown() {
        return false;
    }

    /**
     * Whether the printed result already says everything Cairn's WARN logs would (as
     * {@code status}'s table does for each database that is down): their log lines then stay
     * off stderr unless --verbose.
     */
    protected boolean resultSaysItAll() {
        return false;
    }

    /** The root command, for the inherited options (--config). */
    protected final CairnCommand root() {
        return CairnCommand.of(spec);
    }

    @Override
    public final Integer call() {
        ShutdownGuard guard = ShutdownGuard.install(this, spec.commandLine().getErr());
        try {
            R result;
            try (Verbosity.Restore quiet = Verbosity.quietUnless(!resultSaysItAll() || root().verbose());
                 Cairn cairn = guard.watch(open());
                 ProgressPrinter progress = ProgressPrinter.forTerminal(!json)) {
                result = run(cairn, progress);
            } catch (RuntimeException e) {
                if (guard.abandoned()) {
                    return ErrorCode.INTERRUPTED.exitCode(); // the shutdown hook said it; this failure is its echo
                }
                throw e;
            }
            if (guard.abandoned()) {
                return ErrorCode.INTERRUPTED.exitCode();
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Json.print(out, result);
            } else {
                print(out, result);
            }
            out.flush();
            return exitCode(result);
        } finally {
            // only now, with the result printed, may a shutdown that waits for this command go on
            guard.close();
        }
    }
}
