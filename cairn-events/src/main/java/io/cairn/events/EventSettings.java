package io.cairn.events;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.ConfigSection;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code events:} section. Read once by the facade; the defaults live here only
 * (docs/events.md lists them, EventSettingsTest holds the two in step).
 * <pre>
 * events: { database: main, batch-size: 200, poll-interval: 500ms, snapshot-every: 100,
 *           max-attempts: 3, stall-after: 1min, notify: true }
 * </pre>
 *
 * @param database      the PostgreSQL database projections and command buses use when none is named
 *                      (empty: the only PostgreSQL database of the configuration)
 * @param batchSize     how many events one projection transaction applies
 * @param pollInterval  how long a projection waits for a wake-up (NOTIFY) before it looks anyway
 * @param snapshotEvery an aggregate's state is snapshotted each time its version crosses a multiple of this
 * @param maxAttempts   a projection applies a failing event this often before it pauses on it
 * @param stallAfter    a projection with work it makes no progress on for this long reports STALLED
 * @param notifyOnAppend appends send NOTIFY so that projections wake at once (off: polling only)
 */
public record EventSettings(Optional<String> database, int batchSize, Duration pollInterval, int snapshotEvery,
        int maxAttempts, Duration stallAfter, boolean notifyOnAppend) {
    public static final int DEFAULT_BATCH_SIZE = 200;
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);
    public static final int DEFAULT_SNAPSHOT_EVERY = 100;
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final Duration DEFAULT_STALL_AFTER = Duration.ofMinutes(1);
    public static final boolean DEFAULT_NOTIFY = true;
    static final Set<String> KEYS = Set.of("database", "batch-size", "poll-interval", "snapshot-every", "max-attempts",
            "stall-after", "notify");

    public EventSettings {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(stallAfter, "stallAfter");
        if (batchSize < 1 || batchSize > 10_000) {
            throw invalid("batch-size must be between 1 and 10000, got " + batchSize);
        }
        if (pollInterval.compareTo(Duration.ofMillis(10)) < 0) {
            throw invalid("poll-interval must be at least 10ms, got " + pollInterval);
        }
        if (snapshotEvery < 1) {
            throw invalid("snapshot-every must be at least 1, got " + snapshotEvery);
        }
        if (maxAttempts < 1) {
            throw invalid("max-attempts must be at least 1, got " + maxAttempts);
        }
        if (stallAfter.compareTo(pollInterval) <= 0) {
            throw invalid("stall-after (" + stallAfter + ") must be longer than poll-interval (" + pollInterval + ")");
        }
    }

    public static EventSettings defaults() {
        return new EventSettings(Optional.empty(), DEFAULT_BATCH_SIZE, DEFAULT_POLL_INTERVAL, DEFAULT_SNAPSHOT_EVERY,
                DEFAULT_MAX_ATTEMPTS, DEFAULT_STALL_AFTER, DEFAULT_NOTIFY);
    }

    public EventSettings withBatchSize(int value) {
        return new EventSettings(database, value, pollInterval, snapshotEvery, maxAttempts, stallAfter, notifyOnAppend);
    }

    public EventSettings withPollInterval(Duration value) {
        return new EventSettings(database, batchSize, value, snapshotEvery, maxAttempts, stallAfter, notifyOnAppend);
    }

    public EventSettings withSnapshotEvery(int value) {
        return new EventSettings(database, batchSize, pollInterval, value, maxAttempts, stallAfter, notifyOnAppend);
    }

    public EventSettings withDatabase(String value) {
        return new EventSettings(Optional.of(value), batchSize, pollInterval, snapshotEvery, maxAttempts, stallAfter, notifyOnAppend);
    }

    /** The {@code events:} section, every key checked; the one reader of it. */
    public static EventSettings from(CairnConfig config) {
        Optional<ConfigSection> found = config.section("events");
        if (found.isEmpty()) {
            return defaults();
        }
        ConfigSection events = found.get();
        events.requireOnlyKeys(KEYS);
        Optional<String> database = events.optionalString("database");
        database.ifPresent(db -> {
            if (!config.databases().containsKey(db)) {
                throw events.error("database", "names no configured database: '" + db + "'",
                        "use one of " + config.databases().keySet());
            }
        });
        try {
            return new EventSettings(database, events.integer("batch-size", DEFAULT_BATCH_SIZE, 1, 10_000),
                    events.duration("poll-interval", DEFAULT_POLL_INTERVAL),
                    events.integer("snapshot-every", DEFAULT_SNAPSHOT_EVERY, 1, Integer.MAX_VALUE),
                    events.integer("max-attempts", DEFAULT_MAX_ATTEMPTS, 1, 1000),
                    events.duration("stall-after", DEFAULT_STALL_AFTER), events.bool("notify", DEFAULT_NOTIFY));
        } catch (CairnException e) {
            if (e.code() == ErrorCode.CONFIG && !e.getMessage().startsWith(config.source())) {
                throw new CairnException(ErrorCode.CONFIG, config.source() + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    private static CairnException invalid(String problem) {
        return new CairnException(ErrorCode.CONFIG, "events: " + problem);
    }
}
