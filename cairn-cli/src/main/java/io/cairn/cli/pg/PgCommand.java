package io.cairn.cli.pg;

import picocli.CommandLine.Command;

/** {@code cairn pg …}: PostgreSQL physical backups, WAL archiving and point-in-time recovery. */
@Command(name = "pg", description = "PostgreSQL physical backups, WAL archiving and point-in-time recovery.",
        subcommands = {PgBackupCommand.class, PgBackupsCommand.class, PgRestoreCommand.class, PgVerifyCommand.class,
            PgExpireCommand.class, PgWalCommand.class})
public final class PgCommand {
}
