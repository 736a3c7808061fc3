package io.cairn.tx;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.ConfigSection;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code transactions:} section: the two-phase commit coordinator's identity and log, and
 * recovery. Read once by the facade; the defaults live here only (docs/two-phase-commit.md lists
 * them, TxSettingsTest holds the two in step).
 * <pre>
 * transactions:
 *   coordinator: { id: orders-1, log: /var/lib/cairn/tx }
 *   recovery: { interval: 30s, alert-after: 5min }
 * </pre>
 *
 * @param coordinatorId    names this coordinator inside every global transaction id, so recovery
 *                         touches only its own branches; one id per process that runs
 *                         distributed transactions
 * @param logDirectory     the coordinator log's directory (local disk, fsync'd); only one process
 *                         at a time may use it
 * @param recoveryInterval how often in-doubt branches are resolved in the background
 * @param alertAfter       a prepared branch older than this is reported as an alert
 */
public record TxSettings(String coordinatorId, Path logDirectory, Duration recoveryInterval, Duration alertAfter) {
    public static final Duration DEFAULT_RECOVERY_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_ALERT_AFTER = Duration.ofMinutes(5);
    public static final Duration MIN_RECOVERY_INTERVAL = Duration.ofMillis(100);
    /** Relative to the configuration file's directory. */
    public static final String DEFAULT_LOG = "cairn-tx-log";
    /** {@code outbox} is the outbox's own sub-section, read by {@link OutboxSettings}. */
    static final Set<String> KEYS = Set.of("coordinator", "recovery", "outbox");
    static final Set<String> COORDINATOR_KEYS = Set.of("id", "log");
    static final Set<String> RECOVERY_KEYS = Set.of("interval", "alert-after");
    /** Letters, digits, '-' and '_' (a gid separates its parts with ':'); short enough for MariaDB's 64-byte gtrid. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");

    public TxSettings {
        Objects.requireNonNull(coordinatorId, "coordinatorId");
        Objects.requireNonNull(logDirectory, "logDirectory");
        Objects.requireNonNull(recoveryInterval, "recoveryInterval");
        Objects.requireNonNull(alertAfter, "alertAfter");
        if (!ID.matcher(coordinatorId).matches()) {
            throw new CairnException(ErrorCode.CONFIG, "transactions: coordinator.id \"" + coordinatorId
                    + "\" is not valid (use 1-32 letters, digits, '-' or '_', starting with a letter or digit)");
        }
        if (recoveryInterval.compareTo(MIN_RECOVERY_INTERVAL) < 0) {
            throw new CairnException(ErrorCode.CONFIG, "transactions: recovery.interval must be at least 100ms, got "
                    + recoveryInterval + " (example: recovery: { interval: 30s })");
        }
        if (alertAfter.isNegative() || alertAfter.isZero()) {
            throw new CairnException(ErrorCode.CONFIG, "transactions: recovery.alert-after must be positive"
                    + " (example: recovery: { alert-after: 5min })");
        }
    }

    /** Defaults: the host name as coordinator id, {@value #DEFAULT_LOG} in the working directory. */
    public static TxSettings defaults() {
        return new TxSettings(defaultId(), Path.of(DEFAULT_LOG).toAbsolutePath(), DEFAULT_RECOVERY_INTERVAL,
                DEFAULT_ALERT_AFTER);
    }

    /** The same settings with another coordinator id and log directory. */
    public TxSettings withCoordinator(String id, Path log) {
        return new TxSettings(id, log, recoveryInterval, alertAfter);
    }

    public TxSettings withRecoveryInterval(Duration interval) {
        return new TxSettings(coordinatorId, logDirectory, interval, alertAfter);
    }

    public TxSettings withAlertAfter(Duration value) {
        return new TxSettings(coordinatorId, logDirectory, recoveryInterval, value);
    }

    /** Whether the configuration has a {@code transactions:} section (the agent starts recovery only then). */
    public static boolean configured(CairnConfig config) {
        return config.section("transactions").isPresent();
    }

    /** The {@code transactions:} section, every key checked; the one reader of it. */
    public static TxSettings from(CairnConfig config) {
        Path base = baseDirectory(config);
        Optional<ConfigSection> found = config.section("transactions");
        if (found.isEmpty()) {
            return defaults().withCoordinator(defaultId(), base.resolve(DEFAULT_LOG));
        }
        ConfigSection root = found.get();
        root.requireOnlyKeys(KEYS);
        ConfigSection coordinator = root.sectionOrEmpty("coordinator");
        coordinator.requireOnlyKeys(COORDINATOR_KEYS);
        ConfigSection recovery = root.sectionOrEmpty("recovery");
        recovery.requireOnlyKeys(RECOVERY_KEYS);
        String id = coordinator.optionalString("id").orElseGet(TxSettings::defaultId);
        if (!ID.matcher(id).matches()) {
            throw coordinator.error("id", "\"" + id + "\" is not a valid coordinator id",
                    "use 1-32 letters, digits, '-' or '_', e.g. id: orders-1");
        }
        Path log = base.resolve(coordinator.string("log", DEFAULT_LOG));
        Duration interval = recovery.duration("interval", DEFAULT_RECOVERY_INTERVAL);
        if (interval.compareTo(MIN_RECOVERY_INTERVAL) < 0) {
            throw recovery.error("interval", "must be at least 100ms, got " + interval, "example: interval: 30s");
        }
        Duration alertAfter = recovery.duration("alert-after", DEFAULT_ALERT_AFTER);
        if (alertAfter.isZero()) {
            throw recovery.error("alert-after", "must be positive", "example: alert-after: 5min");
        }
        return new TxSettings(id, log, interval, alertAfter);
    }

    private static Path baseDirectory(CairnConfig config) {
        Path source = Path.of(config.source());
        if (Files.isRegularFile(source)) {
            Path parent = source.toAbsolutePath().getParent();
            if (parent != null) {
                return parent;
            }
        }
        return Path.of("").toAbsolutePath();
    }

    /** The host name, cut to a valid id: two hosts never share a default. */
    static String defaultId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "cairn";
        }
        String id = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-").replaceAll("^[^a-z0-9]+", "");
        id = id.length() > 32 ? id.substring(0, 32) : id;
        return id.isEmpty() ? "cairn" : id;
    }
}
