package io.cairn.tx;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.ConfigSection;
import io.cairn.core.retry.Backoff;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code transactions.outbox:} section: the outbox table and how its dispatchers deliver. Read
 * once by the facade; the defaults live here only (docs/transactions.md lists them,
 * OutboxSettingsTest holds the two in step).
 * <pre>
 * transactions:
 *   outbox: { table: cairn_outbox, batch-size: 100, poll-interval: 1s, max-attempts: 10,
 *             backoff: { initial: 1s, max: 5min }, retention: 7d, dedupe-window: 7d }
 * </pre>
 *
 * @param table          the outbox table on each SQL database (optionally schema.table)
 * @param batchSize      how many messages (of different keys) one dispatch pass claims
 * @param pollInterval   how often a dispatcher looks for messages it was not nudged about
 *                       (written by another process, or due for a retry)
 * @param maxAttempts    after this many failed deliveries a message is parked
 * @param backoff        the wait before the next attempt of a failed message, on the injected clock
 * @param retention      delivered rows are deleted this long after delivery
 * @param dedupeWindow   how long the built-in Redis delivery remembers a delivered message id
 */
public record OutboxSettings(String table, int batchSize, Duration pollInterval, int maxAttempts, Backoff backoff,
        Duration retention, Duration dedupeWindow) {
    public static final String DEFAULT_TABLE = "cairn_outbox";
    public static final int DEFAULT_BATCH_SIZE = 100;
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_ATTEMPTS = 10;
    public static final Backoff DEFAULT_BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 2.0, 0.2);
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    public static final Duration DEFAULT_DEDUPE_WINDOW = Duration.ofDays(7);
    static final Set<String> KEYS = Set.of("table", "batch-size", "poll-interval", "max-attempts", "backoff", "retention",
            "dedupe-window");
    static final Set<String> BACKOFF_KEYS = Set.of("initial", "max", "multiplier", "jitter");
    private static final Pattern TABLE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]{0,62}\\.)?[A-Za-z_][A-Za-z0-9_]{0,62}");

    public OutboxSettings {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(dedupeWindow, "dedupeWindow");
        if (!TABLE.matcher(table).matches()) {
            throw invalid("table \"" + table + "\" is not a plain name (use letters, digits and '_', optionally schema.table)");
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw invalid("batch-size must be between 1 and 10000, got " + batchSize);
        }
        if (pollInterval.compareTo(Duration.ofMillis(10)) < 0) {
            throw invalid("poll-interval must be at least 10ms, got " + pollInterval);
        }
        if (maxAttempts < 1) {
            throw invalid("max-attempts must be at least 1, got " + maxAttempts);
        }
        if (retention.isNegative()) {
            throw invalid("retention must not be negative, got " + retention);
        }
        if (dedupeWindow.compareTo(Duration.ofSeconds(1)) < 0) {
            throw invalid("dedupe-window must be at least 1s, got " + dedupeWindow);
        }
    }

    public static OutboxSettings defaults() {
        return new OutboxSettings(DEFAULT_TABLE, DEFAULT_BATCH_SIZE, DEFAULT_POLL_INTERVAL, DEFAULT_MAX_ATTEMPTS,
                DEFAULT_BACKOFF, DEFAULT_RETENTION, DEFAULT_DEDUPE_WINDOW);
    }

    public OutboxSettings withTable(String value) {
        return new OutboxSettings(value, batchSize, pollInterval, maxAttempts, backoff, retention, dedupeWindow);
    }

    public OutboxSettings withBatchSize(int value) {
        return new OutboxSettings(table, value, pollInterval, maxAttempts, backoff, retention, dedupeWindow);
    }

    public OutboxSettings withPollInterval(Duration value) {
        return new OutboxSettings(table, batchSize, value, maxAttempts, backoff, retention, dedupeWindow);
    }

    public OutboxSettings withMaxAttempts(int value) {
        return new OutboxSettings(table, batchSize, pollInterval, value, backoff, retention, dedupeWindow);
    }

    public OutboxSettings withBackoff(Backoff value) {
        return new OutboxSettings(table, batchSize, pollInterval, maxAttempts, value, retention, dedupeWindow);
    }

    public OutboxSettings withRetention(Duration value) {
        return new OutboxSettings(table, batchSize, pollInterval, maxAttempts, backoff, value, dedupeWindow);
    }

    /** The {@code transactions.outbox:} section, every key checked; the one reader of it. */
    public static OutboxSettings from(CairnConfig config) {
        Optional<ConfigSection> found = config.section("transactions").flatMap(t -> t.section("outbox"));
        if (found.isEmpty()) {
            return defaults();
        }
        ConfigSection outbox = found.get();
        outbox.requireOnlyKeys(KEYS);
        ConfigSection backoff = outbox.sectionOrEmpty("backoff");
        backoff.requireOnlyKeys(BACKOFF_KEYS);
        Backoff policy;
        try {
            policy = new Backoff(backoff.duration("initial", DEFAULT_BACKOFF.initial()),
                    backoff.duration("max", DEFAULT_BACKOFF.max()), backoff.number("multiplier", DEFAULT_BACKOFF.multiplier()),
                    backoff.number("jitter", DEFAULT_BACKOFF.jitter()));
        } catch (IllegalArgumentException e) {
            throw backoff.error(e.getMessage(), "example: backoff: { initial: 1s, max: 5min }");
        }
        try {
            return new OutboxSettings(outbox.string("table", DEFAULT_TABLE),
                    outbox.integer("batch-size", DEFAULT_BATCH_SIZE, 1, 10_000),
                    outbox.duration("poll-interval", DEFAULT_POLL_INTERVAL),
                    outbox.integer("max-attempts", DEFAULT_MAX_ATTEMPTS, 1, Integer.MAX_VALUE), policy,
                    outbox.duration("retention", DEFAULT_RETENTION), outbox.duration("dedupe-window", DEFAULT_DEDUPE_WINDOW));
        } catch (CairnException e) {
            if (e.code() == ErrorCode.CONFIG && !e.getMessage().startsWith(config.source())) {
                throw new CairnException(ErrorCode.CONFIG, config.source() + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    private static CairnException invalid(String problem) {
        return new CairnException(ErrorCode.CONFIG, "transactions.outbox: " + problem);
    }
}
