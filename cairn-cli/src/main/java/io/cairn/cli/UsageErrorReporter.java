package io.cairn.cli;

import io.cairn.core.ErrorCode;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/** Wrong command-line usage: one line naming the problem, a pointer to --help, exit code 2. */
final class UsageErrorReporter implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException exception, String[] args) {
        CommandLine commandLine = exception.getCommandLine();
        commandLine.getErr().println("cairn: " + exception.getMessage());
        commandLine.getErr().println("cairn: see '" + commandLine.getCommandSpec().qualifiedName() + " --help'");
        commandLine.getErr().flush();
        return ErrorCode.USAGE.exitCode();
    }
}
