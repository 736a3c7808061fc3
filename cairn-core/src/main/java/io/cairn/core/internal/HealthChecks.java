package io.cairn.core.internal;

import io.cairn.core.DatabaseAdapter;
import io.cairn.core.DatabaseHealth;
import io.cairn.core.HealthStatus;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.failure.FailureMessages;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs health checks in parallel on daemon threads and bounds each by its database's connect
 * timeout plus a short grace: a check still running at its deadline is reported DOWN and
 * abandoned (the driver's own timeouts end it soon after), so one dead database never holds up
 * the report. The grace lets a driver that gives up exactly at the connect timeout report its
 * own, more precise reason (e.g. "connection refused") instead of a bare "no answer".
 *
 * <p>Every check, the first of a process included, has the same bound: a command-line run is
 * all first checks, and a doubled budget there broke the promise the docs make. An abandoned
 * check reads like every other connect failure: the address, "no answer within" the connect
 * timeout, and what to check.
 */
public final class HealthChecks implements AutoCloseable {
    /** Added to the connect timeout before a check is abandoned. */
    public static final Duration GRACE = Duration.ofMillis(500);

    private static final Logger LOG = LoggerFactory.getLogger(HealthChecks.class);

    private final ExecutorService executor;
    private final Clock clock;
    private final Map<String, HealthStatus> lastStatus = new ConcurrentHashMap<>();
    private final String source;

    /**
     * @param source the configuration file name, for messages that tell the user what to fix
     */
    public HealthChecks(Clock clock, String source) {
        this.clock = clock;
        this.source = source;
        this.executor = Executors.newCachedThreadPool(daemonThreads());
    }

    public List<DatabaseHealth> check(List<DatabaseAdapter> adapters) {
        long start = System.nanoTime();
        Map<DatabaseAdapter, Future<DatabaseHealth>> running = new LinkedHashMap<>();
        for (DatabaseAdapter adapter : adapters) {
            running.put(adapter, executor.submit(adapter::health));
        }
        List<DatabaseHealth> results = new ArrayList<>(adapters.size());
        running.forEach((adapter, future) -> results.add(await(adapter, future, start)));
        return results;
    }

    private DatabaseHealth await(DatabaseAdapter adapter, Future<DatabaseHealth> future, long start) {
        DatabaseConfig config = adapter.config();
        long deadline = start + config.connectTimeout().plus(GRACE).toNanos();
        DatabaseHealth health;
        try {
            health = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            health = HealthVerdict.down(config, clock, Duration.ofNanos(System.nanoTime() - start), adapter.poolUsage(),
                    noAnswer(config));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            health = HealthVerdict.down(config, clock, Duration.ofNanos(System.nanoTime() - start), adapter.poolUsage(),
                    "health check interrupted");
        } catch (ExecutionException e) {
            health = HealthVerdict.down(config, clock, Duration.ofNanos(System.nanoTime() - start), adapter.poolUsage(),
                    "health check failed: " + e.getCause().getClass().getSimpleName());
        }
        logTransition(health);
        return health;
    }

    /** The one connect-failure shape, without the "database 'id': " prefix a health error never has. */
    private String noAnswer(DatabaseConfig config) {
        FailureMessages messages = new FailureMessages(config, source);
        return messages.connectionFailed(messages.noAnswer(), 1).substring(messages.prefix().length());
    }

    private void logTransition(DatabaseHealth health) {
        HealthStatus previous = lastStatus.put(health.id(), health.status());
        if (previous == health.status()) {
            return;
        }
        String reason = health.error().map(e -> ": " + e).orElse("");
        if (health.status() == HealthStatus.UP) {
            LOG.info("database '{}' is UP ({} ms)", health.id(), health.latencyMillis());
        } else {
            LOG.warn("database '{}' is {}{}", health.id(), health.status(), reason);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "cairn-health-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
