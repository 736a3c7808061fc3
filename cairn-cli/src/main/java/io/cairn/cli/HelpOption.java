package io.cairn.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h, --help} alone, for a command that has an option of its own named {@code --version}
 * (so it cannot take the inherited standard help options, whose other one is {@code -V, --version}).
 */
public final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
}
