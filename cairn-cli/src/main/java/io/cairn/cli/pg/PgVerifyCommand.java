package io.cairn.cli.pg;

import io.cairn.Cairn;
import io.cairn.repository.ProgressListener;

import java.io.PrintWriter;
import java.util.Optional;

import io.cairn.backup.postgres.PgVerifyResult;
import io.cairn.cli.Bytes;
import io.cairn.cli.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn pg verify --db X [--backup ID]}: restore into a scratch directory, start, check, remove. */
@Command(name = "verify", description = "Prove a backup restores: restore it into a scratch directory, start it, check it, remove it.")
public final class PgVerifyCommand extends PostgresCommand<PgVerifyResult> {
    @Option(names = "--backup", paramLabel = "ID", description = "The backup to verify (default: the newest).")
    String backup;

    @Override
    protected PgVerifyResult run(Cairn cairn, ProgressListener progress) {
        return cairn.postgres().verify(db, Optional.ofNullable(backup));
    }

    @Override
    protected void print(PrintWriter out, PgVerifyResult result) {
        out.printf("backup %s of '%s' restores: recovery reached LSN %s (PostgreSQL %s), databases %s; %s in %s%n",
                    result.backupId().substring(0, Math.min(8, result.backupId().length())), result.db(),
                    result.reached().replayLsn(), result.reached().serverVersion(), String.join(", ", result.databases()),
                    Bytes.human(result.bytes()), Durations.human(result.duration()));
    }
}
