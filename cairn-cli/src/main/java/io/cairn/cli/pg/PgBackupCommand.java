package io.cairn.cli.pg;

import java.io.PrintWriter;

import io.cairn.Cairn;
import io.cairn.backup.BackupType;
import io.cairn.backup.postgres.CorruptPage;
import io.cairn.backup.postgres.PgBackupResult;
import io.cairn.cli.Bytes;
import io.cairn.cli.Durations;
import io.cairn.cli.Interrupted;
import io.cairn.core.ErrorCode;
import io.cairn.repository.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn pg backup --db X --type full|diff|incr}: a physical base backup into the
 * repository. Exit 7 (INTEGRITY) when page checksums found corrupt pages (the backup is kept
 * and names them).
 */
@Command(name = "backup", description = "Take a physical base backup (full, diff or incr) into the repository.")
public final class PgBackupCommand extends PostgresCommand<PgBackupResult> {
    @Option(names = {"-t", "--type"}, paramLabel = "full|diff|incr", defaultValue = "full",
            description = "full, diff (changes since the last full) or incr (since the last backup); default full.")
    String type;

    @Override
    protected String interruptedMessage() {
        return Interrupted.NOTHING_SAVED;
    }

    @Override
    protected PgBackupResult run(Cairn cairn, ProgressListener progress) {
        return cairn.postgres().backup(db, BackupType.parse(type));
    }

    @Override
    protected void print(PrintWriter out, PgBackupResult result) {
        out.printf("%s backup %s of '%s' (PostgreSQL %s) complete%s%n", result.type().shortName(), result.shortId(),
                result.db(), result.serverVersion(), Interrupted.reusedPacks(result.packsAdopted()));
        out.printf("  LSN %s .. %s on timeline %d; %d files, %s, added %s (%s stored) in %s%n", result.startLsn(),
                result.stopLsn(), result.timeline(), result.files(), Bytes.human(result.bytes()),
                Bytes.human(result.bytesAdded()), Bytes.human(result.bytesAddedStored()), Durations.human(result.duration()));
        out.printf("  %d pages checksum-verified%s%n", result.pagesVerified(),
                result.parent().map(p -> "; parent " + p.substring(0, Math.min(8, p.length()))).orElse(""));
        if (result.parent().isPresent()) {
            out.printf("  %d files (%s) unchanged since the parent, taken from it without reading%n",
                    result.filesReused(), Bytes.human(result.bytesReused()));
        }
        for (CorruptPage page : result.corruptPages()) {
            out.println("  CORRUPT PAGE: " + page);
        }
        result.warnings().forEach(warning -> out.println("  warning: " + warning));
    }

    @Override
    protected int exitCode(PgBackupResult result) {
        return result.corruptPages().isEmpty() ? 0 : ErrorCode.INTEGRITY.exitCode();
    }
}
