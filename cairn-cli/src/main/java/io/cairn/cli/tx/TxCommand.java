package io.cairn.cli.tx;

import picocli.CommandLine.Command;

/** {@code cairn tx …}: the two-phase commit coordinator's in-doubt branches and their recovery. */
@Command(name = "tx", mixinStandardHelpOptions = true,
        description = "Distributed transactions: in-doubt branches, recovery, and operator decisions (docs/two-phase-commit.md).",
        subcommands = {TxInDoubtCommand.class, TxRecoverCommand.class, TxResolveCommand.class})
public final class TxCommand {
}
