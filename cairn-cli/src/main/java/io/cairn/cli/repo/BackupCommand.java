package io.cairn.cli.repo;

import picocli.CommandLine.Command;

/** {@code cairn backup}: the kinds of backup Cairn takes; each is a subcommand. */
@Command(name = "backup", description = "Take a backup into the repository.", subcommands = {BackupFilesCommand.class})
public final class BackupCommand {
}
