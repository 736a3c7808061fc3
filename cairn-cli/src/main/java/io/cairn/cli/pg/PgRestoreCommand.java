package io.cairn.cli.pg;

import io.cairn.Cairn;
import io.cairn.repository.ProgressListener;

import java.io.PrintWriter;
import java.nio.file.Path;

import io.cairn.backup.RecoveryTarget;
import io.cairn.backup.postgres.PgRestoreResult;
import io.cairn.backup.postgres.RestoreRequest;
import io.cairn.cli.Bytes;
import io.cairn.cli.Durations;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn pg restore --db X --to DIR [target] [--start --verify]}: restore the newest base
 * backup before the target into an empty directory, stage the WAL it needs and configure
 * recovery; with --start, start the restored server and wait until recovery ends.
 */
@Command(name = "restore", description = "Restore to a point in time into an empty directory; --start --verify starts it and reports the point reached.")
public final class PgRestoreCommand extends PostgresCommand<PgRestoreResult> {
    @Option(names = "--to", required = true, paramLabel = "DIR", description = "Empty directory for the restored data directory.")
    Path directory;
    @ArgGroup(exclusive = true)
    Target target = new Target();
    @Option(names = "--backup", paramLabel = "ID", description = "Restore this base backup instead of the newest one before the target.")
    String backup;
    @Option(names = "--start", description = "Start the restored server and wait until recovery ends.")
    boolean start;
    @Option(names = "--verify", description = "With --start: check the restored server answers and list its databases.")
    boolean verify;

    /** One recovery target; none means the end of the archived WAL. */
    static final class Target {
        @Option(names = "--target-time", paramLabel = "TIME", description = "e.g. '2026-11-23 14:30:00+00'.")
        String time;
        @Option(names = "--target-lsn", paramLabel = "LSN", description = "e.g. 0/3000028.")
        String lsn;
        @Option(names = "--target-xid", paramLabel = "XID", description = "Up to and including this transaction.")
        Long xid;
        @Option(names = "--target-name", paramLabel = "NAME", description = "A restore point made with pg_create_restore_point.")
        String name;
        @Option(names = "--immediate", description = "Stop as soon as the backup is consistent.")
        boolean immediate;
        @Option(names = "--latest", description = "Replay all archived WAL (the default).")
        boolean latest;

        RecoveryTarget toRecoveryTarget() {
            if (time != null) {
                return RecoveryTarget.time(time);
            }
            if (lsn != null) {
                return RecoveryTarget.lsn(lsn);
            }
            if (xid != null) {
                return RecoveryTarget.xid(xid);
            }
            if (name != null) {
                return RecoveryTarget.name(name);
            }
            return immediate ? RecoveryTarget.immediate() : RecoveryTarget.latest();
        }
    }

    @Override
    protected PgRestoreResult run(Cairn cairn, ProgressListener progress) {
        RestoreRequest request = RestoreRequest.to(directory).withTarget(target.toRecoveryTarget());
        if (backup != null) {
            request = request.withBackup(backup);
        }
        if (start) {
            request = request.withStart();
        }
        if (verify) {
            request = request.withStart().withVerify();
        }
        // WAL not staged can be fetched from the repository during recovery when the passphrase is in a file
        request = cairn.repositoryPasswordFile().map(request::withPasswordFile).orElse(request);
        return cairn.postgres().restore(db, request);
    }

    @Override
    protected void print(PrintWriter out, PgRestoreResult result) {
        out.printf("restored backup %s of '%s' into %s: %d files, %s, %d WAL files staged, in %s%n",
                result.backupId().substring(0, Math.min(8, result.backupId().length())), result.db(), result.directory(),
                result.files(), Bytes.human(result.bytes()), result.walFilesStaged(), Durations.human(result.restoreDuration()));
        out.printf("  recovery target: %s%n", describe(result.target()));
        result.reached().ifPresentOrElse(point -> out.printf("  recovery ended at LSN %s on timeline %d%s%s%n",
                        point.replayLsn(), point.timeline(),
                        point.lastTransaction().map(t -> ", last transaction at " + t).orElse(""),
                        result.recoveryDuration().map(d -> " after " + Durations.human(d)).orElse("")),
                () -> out.printf("  start it with: postgres -D %s   (recovery runs at the first start)%n", result.directory()));
        if (!result.databases().isEmpty()) {
            out.printf("  databases: %s%n", String.join(", ", result.databases()));
        }
        result.warnings().forEach(warning -> out.println("  warning: " + warning));
    }

    private static String describe(RecoveryTarget target) {
        return switch (target.kind()) {
            case LATEST -> "end of archived WAL";
            case IMMEDIATE -> "end of the backup (consistent point)";
            default -> target.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + target.value();
        };
    }
}
