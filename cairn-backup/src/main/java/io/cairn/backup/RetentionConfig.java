package io.cairn.backup;

import io.cairn.core.config.ConfigSection;
import io.cairn.repository.RetentionPolicy;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration's {@code retention:} section as a {@link RetentionPolicy}:
 * <pre>
 * retention: { keep-last: 3, keep-daily: 7, keep-weekly: 4, keep-within: 2d, zone: Europe/Paris }
 * </pre>
 * Counts are -1 (every period), 0 (off) or positive; {@code keep-within} is a duration such as
 * {@code 7d} or {@code 36h}; {@code zone} is the calendar of the periods (default: the system's).
 */
public final class RetentionConfig {
    public static final Set<String> KEYS = Set.of("keep-last", "keep-hourly", "keep-daily", "keep-weekly",
            "keep-monthly", "keep-yearly", "keep-within", "zone");

    private RetentionConfig() {
    }

    /** The configuration's {@code retention:} section, validated, or empty when it has none. */
    public static Optional<RetentionPolicy> from(io.cairn.core.config.CairnConfig config) {
        return config.section("retention").map(RetentionConfig::from);
    }

    /** Reads and validates the section; a policy that keeps nothing is a CONFIG error (it would remove nothing). */
    public static RetentionPolicy from(ConfigSection section) {
        section.requireOnlyKeys(KEYS);
        RetentionPolicy policy = RetentionPolicy.none()
                .withKeepLast(section.integer("keep-last", 0, -1, 1_000_000))
                .withKeepHourly(section.integer("keep-hourly", 0, -1, 1_000_000))
                .withKeepDaily(section.integer("keep-daily", 0, -1, 1_000_000))
                .withKeepWeekly(section.integer("keep-weekly", 0, -1, 1_000_000))
                .withKeepMonthly(section.integer("keep-monthly", 0, -1, 1_000_000))
                .withKeepYearly(section.integer("keep-yearly", 0, -1, 1_000_000));
        Optional<Duration> within = section.optionalDuration("keep-within");
        if (within.isPresent()) {
            policy = policy.withKeepWithin(within.get());
        }
        Optional<String> zone = section.optionalString("zone");
        if (zone.isPresent()) {
            try {
                policy = policy.withZone(ZoneId.of(zone.get().trim()));
            } catch (DateTimeException e) {
                throw section.error("zone", "unknown time zone \"" + zone.get() + "\"", "e.g. zone: Europe/Paris or zone: UTC");
            }
        }
        if (policy.isEmpty()) {
            throw section.error("keeps nothing, so it would remove nothing", "e.g. retention: { keep-daily: 7 }");
        }
        return policy;
    }
}
