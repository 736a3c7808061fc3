package io.cairn.backup.postgres;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.ConfigSection;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How one database's WAL is streamed; every default lives here. In the configuration file
 * these are the keys of {@code wal.<db>}; at the {@code wal} level itself, {@code stream} (the
 * database ids the agent streams, read by the agent, ignored here) and {@code synchronous} (the
 * default of every database's own {@code synchronous}):
 * <pre>
 * wal:
 *   stream: [main]                 # read by the agent
 *   synchronous: false             # default for every database below
 *   main:
 *     slot: cairn_main             # physical replication slot (created when missing, unless create-slot: false)
 *     application-name: cairn_main # name in synchronous_standby_names
 *     synchronous: false           # confirm WAL to the server only once it is in the repository, on every flush
 *     create-slot: true
 *     partial-interval: 10s        # asynchronous mode: store the unfinished segment at most this long after new WAL
 *     status-interval: 10s         # how often a status message is sent to the server
 *     max-reconnect-delay: 30s
 * </pre>
 *
 * @param synchronous     store every received flush before confirming it, so that a server listing
 *                        {@code application-name} in synchronous_standby_names loses no commit (RPO zero)
 * @param partialInterval asynchronous mode: how long new WAL may wait in memory before the unfinished segment is
 *                        stored (the RPO of asynchronous streaming); complete segments are stored at once
 * @param batchSegments   at most this many complete segments are held in memory before they are stored
 */
public record WalStreamOptions(String slot, String applicationName, boolean synchronous, boolean createSlot,
        Duration partialInterval, Duration statusInterval, Duration maxReconnectDelay, int batchSegments) {
    /** The keys of {@code wal.<db>}. */
    public static final Set<String> KEYS = Set.of("slot", "application-name", "synchronous", "create-slot",
            "partial-interval", "status-interval", "max-reconnect-delay");
    /** Keys of the {@code wal} section itself that are not database ids. */
    public static final Set<String> SECTION_KEYS = Set.of("stream", "synchronous");
    public static final Duration DEFAULT_PARTIAL_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_STATUS_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_MAX_RECONNECT_DELAY = Duration.ofSeconds(30);
    public static final int DEFAULT_BATCH_SEGMENTS = 4;

    public WalStreamOptions {
        requireName(slot, "slot");
        Objects.requireNonNull(applicationName, "applicationName");
        if (applicationName.isBlank() || applicationName.length() > 63) {
            throw new CairnException(ErrorCode.CONFIG, "WAL streaming application-name must be 1..63 characters");
        }
        requirePositive(partialInterval, "partial-interval");
        requirePositive(statusInterval, "status-interval");
        requirePositive(maxReconnectDelay, "max-reconnect-delay");
        if (batchSegments < 1 || batchSegments > 64) {
            throw new CairnException(ErrorCode.CONFIG, "WAL streaming batchSegments " + batchSegments + " is outside 1..64");
        }
    }

    /** Slot and application name {@code cairn_<db>} (lower case, '-' as '_'), asynchronous. */
    public static WalStreamOptions defaults(String db) {
        String name = "cairn_" + db.toLowerCase(Locale.ROOT).replace('-', '_');
        return new WalStreamOptions(name, name, false, true, DEFAULT_PARTIAL_INTERVAL, DEFAULT_STATUS_INTERVAL,
                DEFAULT_MAX_RECONNECT_DELAY, DEFAULT_BATCH_SEGMENTS);
    }

    /**
     * Reads {@code wal.<db>} of the configuration (absent: defaults), with {@code wal.synchronous}
     * as the default of the database's own {@code synchronous}. Only the database's own keys are
     * validated: the other keys of {@code wal} are other databases' ids and {@link #SECTION_KEYS}.
     */
    public static WalStreamOptions from(ConfigSection section, String db) {
        WalStreamOptions defaults = defaults(db);
        boolean synchronousDefault = section.bool("synchronous", false);
        ConfigSection own = section.sectionOrEmpty(db);
        own.requireOnlyKeys(KEYS);
        try {
            return new WalStreamOptions(own.string("slot", defaults.slot()),
                    own.string("application-name", defaults.applicationName()),
                    own.bool("synchronous", synchronousDefault), own.bool("create-slot", true),
                    own.duration("partial-interval", DEFAULT_PARTIAL_INTERVAL),
                    own.duration("status-interval", DEFAULT_STATUS_INTERVAL),
                    own.duration("max-reconnect-delay", DEFAULT_MAX_RECONNECT_DELAY), DEFAULT_BATCH_SEGMENTS);
        } catch (CairnException e) {
            if (e.getMessage().startsWith(own.source() + ":")) {
                throw e;
            }
            throw own.error(e.getMessage(), "see docs/postgres-backup.md");
        }
    }

    public WalStreamOptions withSynchronous(boolean value) {
        return new WalStreamOptions(slot, applicationName, value, createSlot, partialInterval, statusInterval,
                maxReconnectDelay, batchSegments);
    }

    public WalStreamOptions withSlot(String value) {
        return new WalStreamOptions(value, applicationName, synchronous, createSlot, partialInterval, statusInterval,
                maxReconnectDelay, batchSegments);
    }

    public WalStreamOptions withCreateSlot(boolean value) {
        return new WalStreamOptions(slot, applicationName, synchronous, value, partialInterval, statusInterval,
                maxReconnectDelay, batchSegments);
    }

    public WalStreamOptions withPartialInterval(Duration value) {
        return new WalStreamOptions(slot, applicationName, synchronous, createSlot, value, statusInterval,
                maxReconnectDelay, batchSegments);
    }

    public WalStreamOptions withMaxReconnectDelay(Duration value) {
        return new WalStreamOptions(slot, applicationName, synchronous, createSlot, partialInterval, statusInterval,
                value, batchSegments);
    }

    private static void requireName(String value, String what) {
        if (value == null || !value.matches("[a-z0-9_]{1,63}")) {
            throw new CairnException(ErrorCode.CONFIG, "WAL streaming " + what + " '" + value
                    + "' must be 1..63 lower-case letters, digits or '_' (a replication slot name)");
        }
    }

    private static void requirePositive(Duration value, String what) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new CairnException(ErrorCode.CONFIG, "WAL streaming " + what + " must be a positive duration");
        }
    }
}
