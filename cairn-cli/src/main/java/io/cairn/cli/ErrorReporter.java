package io.cairn.cli;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception thrown by a command into one line on stderr and an exit code. A
 * {@link CairnException} already carries a user-facing message; anything else is a bug in
 * Cairn and says so. The stack trace is printed only with --verbose.
 */
final class ErrorReporter implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        boolean verbose = Verbosity.isVerbose(parseResult);
        CairnException failure = asCairnException(exception);
        commandLine.getErr().println("cairn: " + failure.getMessage());
        if (verbose) {
            exception.printStackTrace(commandLine.getErr());
        } else if (failure.code() == ErrorCode.INTERNAL) {
            commandLine.getErr().println("cairn: run again with --verbose for the stack trace");
        }
        commandLine.getErr().flush();
        return failure.exitCode();
    }

    static CairnException asCairnException(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof CairnException cairn) {
                return cairn;
            }
            if (t instanceof InterruptedException) {
                return new CairnException(ErrorCode.INTERRUPTED, "interrupted", exception);
            }
        }
        String detail = exception.getMessage() == null ? exception.getClass().getSimpleName()
                : exception.getClass().getSimpleName() + ": " + firstLine(exception.getMessage());
        return new CairnException(ErrorCode.INTERNAL, "internal error: " + detail, exception);
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
