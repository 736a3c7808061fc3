package io.cairn.backup.postgres;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of PostgreSQL backups and restores; every default lives here.
 *
 * @param pagesPerChunk            relation files are cut into fixed chunks of this many 8 KiB pages (see
 *                                 docs/postgres-backup.md for the measurement behind the default)
 * @param copyWalFromDataDirectory when the WAL a backup needs is not archived yet, read it from the server's
 *                                 pg_wal (Cairn runs on the database host) instead of only waiting
 * @param walWait                  how long a backup waits for its WAL to reach the repository
 * @param recoveryTimeout          how long {@code restore --start} waits for recovery to end
 * @param clock                    time source for waits and file times
 * @param reuseMargin              a diff/incr backup takes a file from its parent without reading it only when
 *                                 the file's size and mtime equal the parent's and the mtime is older than the
 *                                 parent's start minus this margin (mtime granularity, clock steps)
 * @param sleeper                  how waits (for WAL, recovery, the repository lock) pass; deadlines are on {@code clock}
 * @param walFetchMain             a class whose {@code main} takes {@code --repo URL --password-file FILE --db ID
 *                                 NAME PATH} and copies one archived WAL file (exit 0 copied, 1 not archived, 126
 *                                 failed): a restore given a password file falls back to it, in a JVM with this
 *                                 process's class path, for WAL it did not stage. The facade sets its own
 *                                 {@code WalFetchMain}; without one, restores stage every WAL file they need.
 */
public record PostgresBackupOptions(int pagesPerChunk, boolean copyWalFromDataDirectory, Duration walWait,
        Duration recoveryTimeout, Clock clock, Duration reuseMargin, Sleeper sleeper,
        java.util.Optional<Class<?>> walFetchMain) {
    public static final int DEFAULT_PAGES_PER_CHUNK = 1;
    public static final Duration DEFAULT_WAL_WAIT = Duration.ofMinutes(2);
    public static final Duration DEFAULT_RECOVERY_TIMEOUT = Duration.ofMinutes(10);
    /** pgBackRest's rule too: a file changed within a few seconds of the parent's start is read again. */
    public static final Duration DEFAULT_REUSE_MARGIN = Duration.ofSeconds(5);

    public PostgresBackupOptions {
        if (pagesPerChunk < 1 || pagesPerChunk > 2048 || Integer.bitCount(pagesPerChunk) != 1) {
            throw new CairnException(ErrorCode.CONFIG, "pagesPerChunk " + pagesPerChunk
                    + " must be a power of two between 1 and 2048");
        }
        Objects.requireNonNull(walWait, "walWait");
        Objects.requireNonNull(recoveryTimeout, "recoveryTimeout");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(reuseMargin, "reuseMargin");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(walFetchMain, "walFetchMain");
        if (reuseMargin.isNegative()) {
            throw new CairnException(ErrorCode.CONFIG, "reuseMargin must not be negative");
        }
        if (walWait.isNegative() || recoveryTimeout.isNegative() || recoveryTimeout.isZero()) {
            throw new CairnException(ErrorCode.CONFIG, "walWait must not be negative and recoveryTimeout must be positive");
        }
    }

    public static PostgresBackupOptions defaults() {
        return new PostgresBackupOptions(DEFAULT_PAGES_PER_CHUNK, true, DEFAULT_WAL_WAIT, DEFAULT_RECOVERY_TIMEOUT,
                Clock.systemUTC(), DEFAULT_REUSE_MARGIN, Sleeper.system(),
                java.util.Optional.empty());
    }

    public PostgresBackupOptions withPagesPerChunk(int value) {
        return new PostgresBackupOptions(value, copyWalFromDataDirectory, walWait, recoveryTimeout, clock, reuseMargin, sleeper,
                walFetchMain);
    }

    public PostgresBackupOptions withCopyWalFromDataDirectory(boolean value) {
        return new PostgresBackupOptions(pagesPerChunk, value, walWait, recoveryTimeout, clock, reuseMargin, sleeper,
                walFetchMain);
    }

    public PostgresBackupOptions withWalWait(Duration value) {
        return new PostgresBackupOptions(pagesPerChunk, copyWalFromDataDirectory, value, recoveryTimeout, clock,
                reuseMargin, sleeper,
                walFetchMain);
    }

    public PostgresBackupOptions withRecoveryTimeout(Duration value) {
        return new PostgresBackupOptions(pagesPerChunk, copyWalFromDataDirectory, walWait, value, clock,
                reuseMargin, sleeper,
                walFetchMain);
    }

    public PostgresBackupOptions withClock(Clock value) {
        return new PostgresBackupOptions(pagesPerChunk, copyWalFromDataDirectory, walWait, recoveryTimeout, value,
                reuseMargin, sleeper,
                walFetchMain);
    }

    public PostgresBackupOptions withSleeper(Sleeper value) {
        return new PostgresBackupOptions(pagesPerChunk, copyWalFromDataDirectory, walWait, recoveryTimeout, clock,
                reuseMargin, value, walFetchMain);
    }

    public PostgresBackupOptions withReuseMargin(Duration value) {
        return new PostgresBackupOptions(pagesPerChunk, copyWalFromDataDirectory, walWait, recoveryTimeout, clock, value, sleeper,
                walFetchMain);
    }

    public PostgresBackupOptions withWalFetchMain(Class<?> value) {
        return new PostgresBackupOptions(pagesPerChunk, copyWalFromDataDirectory, walWait, recoveryTimeout, clock, reuseMargin,
                sleeper, java.util.Optional.of(value));
    }
}
