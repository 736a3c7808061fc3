package io.cairn.cli.pg;

import java.io.PrintWriter;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.cairn.Cairn;
import io.cairn.backup.postgres.ExpireOptions;
import io.cairn.backup.postgres.PgExpireResult;
import io.cairn.cli.Bytes;
import io.cairn.cli.Durations;
import io.cairn.cli.RetentionFlags;
import io.cairn.cli.Table;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.ProgressListener;
import io.cairn.repository.RetentionPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cairn pg expire --db X [--keep-* …]}: retention of base backups and expiry of the WAL
 * only removed backups needed, then prune. The policy comes from the --keep-* options, else from
 * the config's {@code retention:} section.
 */
@Command(name = "expire", description = "Remove base backups by retention policy, the WAL only they needed, then prune.")
public final class PgExpireCommand extends PostgresCommand<PgExpireResult> {
    @Mixin
    RetentionFlags retention;
    @Option(names = "--zone", paramLabel = "ZONE", description = "Time zone of the hourly/daily/… periods (default: the config's retention zone, else the system's).")
    String zone;
    @Option(names = {"-n", "--dry-run"}, description = "Show what would be removed; remove nothing.")
    boolean dryRun;
    @Option(names = "--no-prune", description = "Do not prune afterwards (the space is freed by a later 'cairn prune').")
    boolean noPrune;
    private RetentionPolicy policy;

    @Override
    protected PgExpireResult run(Cairn cairn, ProgressListener progress) {
        policy = policy(cairn);
        ExpireOptions options = ExpireOptions.defaults().withDryRun(dryRun).withPrune(!noPrune);
        return cairn.postgres().expire(db, policy, options);
    }

    @Override
    protected void print(PrintWriter out, PgExpireResult result) {
        print(out, result, describe(policy));
    }

    /** The --keep-* flags, else the configuration's {@code retention:} section; --zone over either. */
    private RetentionPolicy policy(Cairn cairn) {
        RetentionPolicy chosen = retention.policy().or(cairn::retention).orElseThrow(() -> new CairnException(
                ErrorCode.USAGE, "cairn pg expire needs a retention policy: give --keep-last/--keep-daily/... options,"
                + " or a retention: section in " + cairn.config().source() + " (e.g. retention: { keep-last: 7 })"));
        if (zone != null) {
            try {
                chosen = chosen.withZone(ZoneId.of(zone.trim()));
            } catch (DateTimeException e) {
                throw new CairnException(ErrorCode.USAGE, "--zone " + zone + " is not a time zone (e.g. UTC, Europe/Paris)");
            }
        }
        return chosen;
    }

    static String describe(RetentionPolicy policy) {
        List<String> rules = new ArrayList<>();
        addRule(rules, "keep-last", policy.keepLast());
        addRule(rules, "keep-hourly", policy.keepHourly());
        addRule(rules, "keep-daily", policy.keepDaily());
        addRule(rules, "keep-weekly", policy.keepWeekly());
        addRule(rules, "keep-monthly", policy.keepMonthly());
        addRule(rules, "keep-yearly", policy.keepYearly());
        policy.keepWithin().ifPresent(within -> rules.add("keep-within " + Durations.human(within)));
        return String.join(", ", rules);
    }

    private static void addRule(List<String> rules, String name, int count) {
        if (count != 0) {
            rules.add(name + " " + count);
        }
    }

    private static void print(PrintWriter out, PgExpireResult result, String policy) {
        String verb = result.dryRun() ? "would remove" : "removed";
        out.printf("expire of '%s' (%s)%s: keep %d, %s %d base backup(s)%n", result.db(), policy,
                result.dryRun() ? ", dry run" : "", result.kept().size(), verb, result.removed().size());
        if (!result.kept().isEmpty() || !result.removed().isEmpty()) {
            Table table = new Table("BACKUP", "TYPE", "STOP TIME", "START LSN", "WAL START", "ACTION", "REASONS");
            List<PgExpireResult.Backup> all = new ArrayList<>(result.kept());
            all.addAll(result.removed());
            all.sort(java.util.Comparator.comparing(PgExpireResult.Backup::stopTime));
            for (PgExpireResult.Backup backup : all) {
                boolean kept = !backup.reasons().isEmpty();
                table.row(backup.shortId(), backup.type(), backup.stopTime().truncatedTo(ChronoUnit.SECONDS),
                        backup.startLsn(), backup.walStart(), kept ? "keep" : verb, String.join(", ", backup.reasons()));
            }
            table.print(out);
        }
        if (result.walKeptFrom().isPresent()) {
            if (result.walFilesRemoved() > 0) {
                out.printf("WAL: %s %d file(s) in %d store(s), %s (%s .. %s); kept from %s%n", verb,
                        result.walFilesRemoved(), result.walSnapshotsRemoved(), Bytes.human(result.walBytesRemoved()),
                        result.firstWalRemoved().orElse("?"), result.lastWalRemoved().orElse("?"),
                        result.walKeptFrom().get());
            } else {
                out.printf("WAL: nothing to remove; kept from %s%n", result.walKeptFrom().get());
            }
        }
        if (result.pruned()) {
            out.printf("pruned: %s freed%n", Bytes.human(result.bytesFreed()));
        }
        result.restorableFrom().ifPresent(from -> out.printf("restore window now starts at %s%n",
                from.truncatedTo(ChronoUnit.SECONDS)));
        result.notes().forEach(note -> out.println("note: " + note));
        out.printf("done in %s%n", Durations.human(result.duration()));
    }
}
