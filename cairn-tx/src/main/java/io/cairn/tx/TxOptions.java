package io.cairn.tx;

import io.cairn.core.retry.Backoff;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a transaction runs: isolation, read-only, how often a serialization failure or deadlock is
 * retried, and its time limits. Immutable; each {@code with} method checks its argument at once.
 *
 * <pre>{@code TxOptions.serializable().retries(5).timeout(Duration.ofSeconds(5))}</pre>
 *
 * <p>{@code retries} counts how many times a retryable failure (serialization failure, deadlock)
 * re-runs the body (0 = never); {@code timeout} limits the whole transaction, statements included;
 * {@code statementTimeout} each statement; {@code lockTimeout} how long a statement waits for a lock.
 * {@code backoff} is the wait before each retry (default: 10 ms doubling up to 1 s, up to half of
 * each wait taken off at random so that conflicting clients do not retry in lockstep).
 * {@code retryLockWaitTimeouts} also retries MariaDB's lock wait timeout (error 1205), which is
 * off by default because a lock wait timeout usually means a long transaction holds the lock,
 * and retrying only queues behind it again.
 */
public final class TxOptions {
    private final Isolation isolation;
    private final boolean readOnly;
    private final int retries;
    private final Optional<Duration> timeout;
    private final Optional<Duration> statementTimeout;
    private final Optional<Duration> lockTimeout;
    private final Backoff backoff;
    private final boolean retryLockWaitTimeouts;

    /** The default wait before retry n: 10 ms, 20 ms, 40 ms … up to 1 s, minus up to half at random. */
    public static final Backoff DEFAULT_BACKOFF = new Backoff(Duration.ofMillis(10), Duration.ofSeconds(1), 2.0, 0.5);

    private TxOptions(Isolation isolation, boolean readOnly, int retries, Optional<Duration> timeout,
            Optional<Duration> statementTimeout, Optional<Duration> lockTimeout) {
        this(isolation, readOnly, retries, timeout, statementTimeout, lockTimeout, DEFAULT_BACKOFF, false);
    }

    private TxOptions(Isolation isolation, boolean readOnly, int retries, Optional<Duration> timeout,
            Optional<Duration> statementTimeout, Optional<Duration> lockTimeout, Backoff backoff,
            boolean retryLockWaitTimeouts) {
        Objects.requireNonNull(isolation, "isolation");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.retryLockWaitTimeouts = retryLockWaitTimeouts;
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0, got " + retries);
        }
        requirePositive("timeout", timeout);
        requirePositive("statementTimeout", statementTimeout);
        requirePositive("lockTimeout", lockTimeout);
        this.isolation = isolation;
        this.readOnly = readOnly;
        this.retries = retries;
        this.timeout = timeout;
        this.statementTimeout = statementTimeout;
        this.lockTimeout = lockTimeout;
    }

    /** Read committed, read-write, 3 retries, no time limits. */
    public static TxOptions defaults() {
        return new TxOptions(Isolation.READ_COMMITTED, false, 3, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static TxOptions readCommitted() {
        return defaults();
    }

    public static TxOptions repeatableRead() {
        return defaults().isolation(Isolation.REPEATABLE_READ);
    }

    public static TxOptions serializable() {
        return defaults().isolation(Isolation.SERIALIZABLE);
    }

    public Isolation isolation() {
        return isolation;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public int retries() {
        return retries;
    }

    public Optional<Duration> timeout() {
        return timeout;
    }

    public Optional<Duration> statementTimeout() {
        return statementTimeout;
    }

    public Optional<Duration> lockTimeout() {
        return lockTimeout;
    }

    public TxOptions isolation(Isolation value) {
        return new TxOptions(value, readOnly, retries, timeout, statementTimeout, lockTimeout, backoff, retryLockWaitTimeouts);
    }

    public TxOptions readOnly() {
        return new TxOptions(isolation, true, retries, timeout, statementTimeout, lockTimeout, backoff, retryLockWaitTimeouts);
    }

    public TxOptions retries(int value) {
        return new TxOptions(isolation, readOnly, value, timeout, statementTimeout, lockTimeout, backoff, retryLockWaitTimeouts);
    }

    public TxOptions timeout(Duration value) {
        return new TxOptions(isolation, readOnly, retries, Optional.of(value), statementTimeout, lockTimeout, backoff,
                retryLockWaitTimeouts);
    }

    public TxOptions statementTimeout(Duration value) {
        return new TxOptions(isolation, readOnly, retries, timeout, Optional.of(value), lockTimeout, backoff,
                retryLockWaitTimeouts);
    }

    public TxOptions lockTimeout(Duration value) {
        return new TxOptions(isolation, readOnly, retries, timeout, statementTimeout, Optional.of(value), backoff,
                retryLockWaitTimeouts);
    }

    public Backoff backoff() {
        return backoff;
    }

    public boolean retriesLockWaitTimeouts() {
        return retryLockWaitTimeouts;
    }

    /** The wait before each retry, on the injected sleeper. */
    public TxOptions backoff(Backoff value) {
        return new TxOptions(isolation, readOnly, retries, timeout, statementTimeout, lockTimeout, value,
                retryLockWaitTimeouts);
    }

    /** Also retry MariaDB's lock wait timeout (1205); PostgreSQL's lock timeout is never retried. */
    public TxOptions retryLockWaitTimeouts() {
        return new TxOptions(isolation, readOnly, retries, timeout, statementTimeout, lockTimeout, backoff, true);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TxOptions o && isolation == o.isolation && readOnly == o.readOnly
                && retries == o.retries && timeout.equals(o.timeout) && statementTimeout.equals(o.statementTimeout)
                && lockTimeout.equals(o.lockTimeout) && backoff.equals(o.backoff)
                && retryLockWaitTimeouts == o.retryLockWaitTimeouts;
    }

    @Override
    public int hashCode() {
        return Objects.hash(isolation, readOnly, retries, timeout, statementTimeout, lockTimeout, backoff,
                retryLockWaitTimeouts);
    }

    @Override
    public String toString() {
        return "TxOptions[" + isolation + (readOnly ? ", read-only" : "") + ", retries=" + retries
                + timeout.map(d -> ", timeout=" + d).orElse("") + statementTimeout.map(d -> ", statementTimeout=" + d).orElse("")
                + lockTimeout.map(d -> ", lockTimeout=" + d).orElse("")
                + (retryLockWaitTimeouts ? ", retryLockWaitTimeouts" : "") + "]";
    }

    private static void requirePositive(String name, Optional<Duration> value) {
        Objects.requireNonNull(value, name);
        value.ifPresent(duration -> {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + duration);
            }
        });
    }
}
