package io.cairn.migrate.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.Sleeper;
import io.cairn.core.retry.Backoff;
import io.cairn.core.retry.Retry;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migration lock of a database without sessions that outlive their client (Redis, MongoDB):
 * a lease that expires unless renewed. The holder renews it every third of its length on its
 * own thread; a holder killed with -9 stops renewing, so the lease lapses and the next migrator
 * gets it after at most one lease length. A holder that fails to renew stops before its next
 * statement rather than run alongside a newcomer. Waiting for a lease held by another migrator
 * goes through the injected clock and sleeper, as the Migrations builder promises.
 */
public final class LeaseLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseLock.class);

    /** Where a lease lives; each call is one atomic operation on the server. */
    public interface Store {
        /** Takes the lease if free or expired. */
        boolean tryAcquire(String token, Duration length);

        /** Extends the lease if this token still holds it. */
        boolean renew(String token, Duration length);

        /** Gives the lease up if this token holds it. */
        void release(String token);

        /** Who holds it now, for messages. */
        Optional<String> holder();
    }

    private final String db;
    private final Store store;
    private final String token;
    private final Duration length;
    private final ScheduledExecutorService renewer;
    private final AtomicBoolean lost = new AtomicBoolean();

    private LeaseLock(String db, Store store, String token, Duration length) {
        this.db = db;
        this.store = store;
        this.token = token;
        this.length = length;
        this.renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cairn-migrate-lease-" + db);
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(100, length.toMillis() / 3);
        renewer.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Waits up to {@code timeout} (on {@code clock}) for the lease, polling; LOCKED naming the holder
     * when it does not come.
     */
    public static LeaseLock acquire(String db, Store store, Duration length, Duration timeout, Clock clock,
            Sleeper sleeper) {
        String token = ownerName() + ":" + UUID.randomUUID().toString().substring(0, 8);
        Duration pause = Duration.ofMillis(Math.max(20, Math.min(250, length.toMillis() / 4)));
        Retry poll = Retry.builder("database '" + db + "'").attempts(Integer.MAX_VALUE).deadline(timeout)
                .backoff(Backoff.fixed(pause)).clock(clock).sleeper(sleeper).build();
        boolean[] logged = new boolean[1];
        boolean acquired = poll.until(() -> {
            if (store.tryAcquire(token, length)) {
                return true;
            }
            if (!logged[0]) {
                LOG.info("database '{}': waiting for another migrator's lease{}", db, store.holder().map(h -> " (" + h + ")").orElse(""));
                logged[0] = true;
            }
            return false;
        });
        if (!acquired) {
            throw new CairnException(ErrorCode.LOCKED, "database '" + db + "': another migrator holds the migration lease"
                    + store.holder().map(h -> " (" + h + ")").orElse("") + "; waited " + Failures.format(timeout)
                    + " (wait for it to finish, or raise migrations.lock-timeout; a crashed holder's lease lapses after "
                    + Failures.format(length) + ")");
        }
        return new LeaseLock(db, store, token, length);
    }

    private void renew() {
        try {
            if (!store.renew(token, length)) {
                lost.set(true);
            }
        } catch (RuntimeException e) {
            // one failed renewal is not yet a lost lease: the lease is three periods long
            LOG.warn("database '{}': renewing the migration lease failed: {}", db, e.toString());
        }
    }

    /** Throws LOCKED when the lease was lost; called before every statement. */
    public void check() {
        if (lost.get()) {
            throw new CairnException(ErrorCode.LOCKED, "database '" + db
                    + "': the migration lease was lost (the server was unreachable for longer than the lease); stopped before the next statement (run migrate again)");
        }
    }

    @Override
    public void close() {
        renewer.shutdownNow();
        try {
            store.release(token);
        } catch (RuntimeException e) {
            LOG.warn("database '{}': releasing the migration lease failed ({}); it lapses by itself", db, e.toString());
        }
    }

    private static String ownerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        return host + ":" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
