package io.cairn.cli;

import java.io.PrintWriter;

import picocli.CommandLine;

/**
 * Builds the picocli command line with Cairn's error handling: every failure becomes one line
 * on stderr and a documented exit code (docs/exit-codes.md); stack traces only with --verbose.
 */
public final class CairnCli {
    private CairnCli() {
    }

    /** Runs with the process's stdout/stderr; returns the exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs with the given writers (tests capture them); returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine(out, err);
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new CairnCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler(new ErrorReporter());
        commandLine.setParameterExceptionHandler(new UsageErrorReporter());
        return commandLine;
    }
}
