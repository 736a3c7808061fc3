package io.cairn.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ParseResult;

/** --verbose: stack traces on errors and debug logging of Cairn's own packages. */
final class Verbosity {
    private Verbosity() {
    }

    static boolean isVerbose(ParseResult parseResult) {
        for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
            if (result.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    static void apply(boolean verbose) {
        if (verbose && LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext) {
            ((Logger) LoggerFactory.getLogger("io.cairn")).setLevel(Level.DEBUG);
        }
    }
}
