package io.cairn.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ParseResult;

/** --verbose: stack traces on errors, debug logging of Cairn's own packages and the drivers' network warnings. */
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

    /**
     * Until closed, Cairn's own WARN/INFO logs are off (errors still show): for a command whose
     * output already reports what those lines would say. Does nothing with --verbose.
     */
    static Restore quietUnless(boolean verbose) {
        if (verbose || !(LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext)) {
            return () -> { };
        }
        Logger cairn = (Logger) LoggerFactory.getLogger("io.cairn");
        Level before = cairn.getLevel();
        cairn.setLevel(Level.ERROR);
        return () -> cairn.setLevel(before);
    }

    /** Puts the log level back. */
    interface Restore extends AutoCloseable {
        @Override
        void close();
    }

    static void apply(boolean verbose) {
        if (verbose && LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext) {
            ((Logger) LoggerFactory.getLogger("io.cairn")).setLevel(Level.DEBUG);
            ((Logger) LoggerFactory.getLogger("io.netty")).setLevel(Level.WARN);
        }
    }
}
