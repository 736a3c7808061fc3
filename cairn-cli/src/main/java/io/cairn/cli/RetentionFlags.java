package io.cairn.cli;

import java.util.Optional;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.RetentionPolicy;
import picocli.CommandLine.Option;

/**
 * The retention flags, defined once for {@code cairn forget} and {@code cairn pg expire}: the same
 * names, meanings and duration grammar as the configuration's {@code retention:} section.
 */
public final class RetentionFlags {
    @Option(names = "--keep-last", paramLabel = "N", description = "Keep the N newest.")
    Integer keepLast;
    @Option(names = "--keep-hourly", paramLabel = "N", description = "Keep the newest of each of the last N hours that have one (-1: every hour).")
    Integer keepHourly;
    @Option(names = "--keep-daily", paramLabel = "N", description = "… of each of the last N days.")
    Integer keepDaily;
    @Option(names = "--keep-weekly", paramLabel = "N", description = "… of each of the last N ISO weeks.")
    Integer keepWeekly;
    @Option(names = "--keep-monthly", paramLabel = "N", description = "… of each of the last N months.")
    Integer keepMonthly;
    @Option(names = "--keep-yearly", paramLabel = "N", description = "… of each of the last N years.")
    Integer keepYearly;
    @Option(names = "--keep-within", paramLabel = "DURATION",
            description = "Keep those less than DURATION older than the newest (e.g. 36h, 30d, 1y6mo; 'm' is refused as ambiguous).")
    String keepWithin;

    /** The policy the flags give, or empty when none was given. */
    public Optional<RetentionPolicy> policy() {
        boolean given = keepLast != null || keepHourly != null || keepDaily != null || keepWeekly != null
                || keepMonthly != null || keepYearly != null || keepWithin != null;
        if (!given) {
            return Optional.empty();
        }
        RetentionPolicy policy = RetentionPolicy.none().withKeepLast(count(keepLast)).withKeepHourly(count(keepHourly))
                .withKeepDaily(count(keepDaily)).withKeepWeekly(count(keepWeekly))
                .withKeepMonthly(count(keepMonthly)).withKeepYearly(count(keepYearly));
        if (keepWithin != null) {
            policy = policy.withKeepWithin(RetentionPolicy.parseWithin(keepWithin));
        }
        if (policy.isEmpty()) {
            throw new CairnException(ErrorCode.USAGE, "the --keep-* options keep nothing; give a positive count"
                    + " (or -1 for every period), e.g. --keep-last 7");
        }
        return Optional.of(policy);
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
    }
}
