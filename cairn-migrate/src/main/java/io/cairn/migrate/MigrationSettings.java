package io.cairn.migrate;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The migration settings of one database, after defaults, the {@code migrations:} section and
 * builder overrides. The defaults here are the only place they live; docs/migrations.md lists
 * them and MigrationConfigDocTest keeps the two in step.
 *
 * @param location    the directory holding this database's migration files
 * @param table       the history table (SQL, optionally schema-qualified) or collection (MongoDB)
 * @param redisKey    the history hash on Redis; the lease lives at {@code <redisKey>:lock}
 * @param outOfOrder  whether a pending version below the current one is applied (else it is an error)
 * @param lockTimeout how long to wait for another migrator of the same database
 * @param lease       Redis/MongoDB lease length; renewed every third of it while running
 * @param installedBy the name written to the history; empty means the database user, else the OS user
 */
public record MigrationSettings(Path location, String table, String redisKey, boolean outOfOrder,
                                Duration lockTimeout, Duration lease, Optional<String> installedBy) {
    public static final String DEFAULT_LOCATION = "migrations";
    public static final String DEFAULT_TABLE = "cairn_schema_history";
    public static final String DEFAULT_REDIS_KEY = "cairn:schema_history";
    public static final boolean DEFAULT_OUT_OF_ORDER = false;
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    public static final Duration MIN_LEASE = Duration.ofSeconds(1);

    private static final Pattern TABLE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]{0,62}\\.)?[A-Za-z_][A-Za-z0-9_]{0,62}");

    public MigrationSettings {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(redisKey, "redisKey");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(installedBy, "installedBy");
        if (!TABLE.matcher(table).matches()) {
            throw new CairnException(ErrorCode.CONFIG, "migration history table \"" + table
                    + "\" is not a plain name (use letters, digits and '_', optionally schema.table)");
        }
        if (redisKey.isBlank()) {
            throw new CairnException(ErrorCode.CONFIG, "migrations: redis-key must not be blank");
        }
        if (lockTimeout.isNegative()) {
            throw new CairnException(ErrorCode.CONFIG, "migrations: lock-timeout must not be negative");
        }
        if (lease.compareTo(MIN_LEASE) < 0) {
            throw new CairnException(ErrorCode.CONFIG, "migrations: lease must be at least 1s");
        }
    }

    public MigrationSettings withLocation(Path newLocation) {
        return new MigrationSettings(newLocation, table, redisKey, outOfOrder, lockTimeout, lease, installedBy);
    }

    public MigrationSettings withOutOfOrder(boolean newOutOfOrder) {
        return new MigrationSettings(location, table, redisKey, newOutOfOrder, lockTimeout, lease, installedBy);
    }

    public MigrationSettings withLockTimeout(Duration newLockTimeout) {
        return new MigrationSettings(location, table, redisKey, outOfOrder, newLockTimeout, lease, installedBy);
    }

    public MigrationSettings withLease(Duration newLease) {
        return new MigrationSettings(location, table, redisKey, outOfOrder, lockTimeout, newLease, installedBy);
    }

    public MigrationSettings withInstalledBy(String name) {
        return new MigrationSettings(location, table, redisKey, outOfOrder, lockTimeout, lease, Optional.of(name));
    }

    /** The {@code migrations:} section read and validated for every configured database (the one reader of it). */
    public static java.util.Map<String, MigrationSettings> readAll(io.cairn.core.config.CairnConfig config) {
        return io.cairn.migrate.internal.SettingsReader.read(config);
    }
}
