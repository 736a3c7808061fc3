package io.cairn.cli.pg;

import java.io.PrintWriter;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.cairn.backup.RetentionConfig;
import io.cairn.backup.postgres.ExpireOptions;
import io.cairn.backup.postgres.PgExpireResult;
import io.cairn.cli.Bytes;
import io.cairn.cli.Durations;
import io.cairn.cli.Json;
import io.cairn.cli.Table;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.CairnConfig;
import io.cairn.repository.RetentionPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code cairn pg expire --db X [--keep-* …]}: retention of base backups and expiry of the WAL
 * only removed backups needed, then prune. The policy comes from the --keep-* options, else from
 * the config's {@code retention:} section.
 */
@Command(name = "expire", description = "Remove base backups by retention policy, the WAL only they needed, then prune.")
public final class PgExpireCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    PostgresBackupAccess access;
    @Option(names = "--keep-last", paramLabel = "N", description = "Keep the N newest backups.")
    Integer keepLast;
    @Option(names = "--keep-hourly", paramLabel = "N", description = "Keep the newest backup of each of the last N hours that have one.")
    Integer keepHourly;
    @Option(names = "--keep-daily", paramLabel = "N", description = "… of each of the last N days.")
    Integer keepDaily;
    @Option(names = "--keep-weekly", paramLabel = "N", description = "… of each of the last N ISO weeks.")
    Integer keepWeekly;
    @Option(names = "--keep-monthly", paramLabel = "N", description = "… of each of the last N months.")
    Integer keepMonthly;
    @Option(names = "--keep-yearly", paramLabel = "N", description = "… of each of the last N years.")
    Integer keepYearly;
    @Option(names = "--keep-within", paramLabel = "DURATION", description = "Keep backups that stopped less than DURATION before the newest (e.g. 30d, 1y2m).")
    String keepWithin;
    @Option(names = "--zone", paramLabel = "ZONE", description = "Time zone of the hourly/daily/… periods (default: the config's retention zone, else the system's).")
    String zone;
    @Option(names = {"-n", "--dry-run"}, description = "Show what would be removed; remove nothing.")
    boolean dryRun;
    @Option(names = "--no-prune", description = "Do not prune afterwards (the space is freed by a later 'cairn prune').")
    boolean noPrune;
    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        CairnConfig config = access.config(spec);
        RetentionPolicy policy = policy(config);
        ExpireOptions options = ExpireOptions.defaults().withDryRun(dryRun).withPrune(!noPrune);
        PgExpireResult result = access.run(config, backups -> backups.expire(access.db(), policy, options));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, result);
        } else {
            print(out, result, describe(policy));
        }
        return 0;
    }

    private RetentionPolicy policy(CairnConfig config) {
        boolean fromOptions = keepLast != null || keepHourly != null || keepDaily != null || keepWeekly != null
                || keepMonthly != null || keepYearly != null || keepWithin != null;
        RetentionPolicy policy;
        if (fromOptions) {
            policy = RetentionPolicy.none().withKeepLast(count(keepLast)).withKeepHourly(count(keepHourly))
                    .withKeepDaily(count(keepDaily)).withKeepWeekly(count(keepWeekly))
                    .withKeepMonthly(count(keepMonthly)).withKeepYearly(count(keepYearly));
            if (keepWithin != null) {
                policy = policy.withKeepWithin(RetentionPolicy.parseWithin(keepWithin));
            }
            if (policy.isEmpty()) {
                throw new CairnException(ErrorCode.USAGE, "the --keep-* options keep nothing; give a positive count"
                        + " (or -1 for every period), e.g. --keep-last 7");
            }
        } else {
            policy = config.section("retention").map(RetentionConfig::from).orElseThrow(() -> new CairnException(
                    ErrorCode.USAGE, "cairn pg expire needs a retention policy: give --keep-last/--keep-daily/... options,"
                    + " or a retention: section in " + config.source() + " (e.g. retention: { keep-last: 7 })"));
        }
        if (zone != null) {
            try {
                policy = policy.withZone(ZoneId.of(zone.trim()));
            } catch (DateTimeException e) {
                throw new CairnException(ErrorCode.USAGE, "--zone " + zone + " is not a time zone (e.g. UTC, Europe/Paris)");
            }
        }
        return policy;
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
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
