package io.cairn.cli.pg;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.cairn.backup.postgres.PgVerifyResult;
import io.cairn.cli.Bytes;
import io.cairn.cli.Durations;
import io.cairn.cli.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cairn pg verify --db X [--backup ID]}: restore into a scratch directory, start, check, remove. */
@Command(name = "verify", description = "Prove a backup restores: restore it into a scratch directory, start it, check it, remove it.")
public final class PgVerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    PostgresBackupAccess access;
    @Option(names = "--backup", paramLabel = "ID", description = "The backup to verify (default: the newest).")
    String backup;
    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        PgVerifyResult result = access.run(spec, backups -> backups.verify(access.db(), Optional.ofNullable(backup)));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, result);
        } else {
            out.printf("backup %s of '%s' restores: recovery reached LSN %s (PostgreSQL %s), databases %s; %s in %s%n",
                    result.backupId().substring(0, Math.min(8, result.backupId().length())), result.db(),
                    result.reached().replayLsn(), result.reached().serverVersion(), String.join(", ", result.databases()),
                    Bytes.human(result.bytes()), Durations.human(result.duration()));
        }
        return 0;
    }
}
