package io.cairn.events.internal;

import io.cairn.core.Sleeper;
import io.cairn.events.EventSettings;
import io.cairn.events.ProjectionRunner;
import io.cairn.events.ProjectionStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one projection in this JVM: each round it makes sure it owns the projection (else it waits as
 * a standby), heartbeats, drains the live generation (catch-up: full batches back to back), advances a
 * rebuild by one batch and swaps it in once caught up, publishes lag, and waits for NOTIFY or the
 * poll interval. A failing event is retried alone ({@code max-attempts}) and then pauses the
 * projection naming it. All durable state is written by {@link ProjectionBatch} and
 * {@link ProjectionCatalog}, so stopping this thread anywhere loses nothing.
 */
public final class ProjectionLoop implements ProjectionRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectionLoop.class);

    private final String db;
    private final String name;
    private final ProjectionCatalog catalog;
    private final ProjectionBatch batch;
    private final ProjectionLease lease;
    private final EventSettings settings;
    private final Sleeper sleeper;
    private final String owner;
    private final AtomicLong lagEvents = new AtomicLong();
    private final AtomicLong lagMillis = new AtomicLong();
    private final AtomicLong paused = new AtomicLong();
    private int limit;
    private int failures;
    private volatile boolean running;
    private Thread thread;

    ProjectionLoop(String db, String name, ProjectionCatalog catalog, ProjectionBatch batch, ProjectionLease lease,
            EventSettings settings, Sleeper sleeper, MeterRegistry registry) {
        this.db = db;
        this.name = name;
        this.catalog = catalog;
        this.batch = batch;
        this.lease = lease;
        this.settings = settings;
        this.sleeper = sleeper;
        this.limit = settings.batchSize();
        this.owner = host() + "/" + ProcessHandle.current().pid();
        Tags tags = Tags.of("db", db, "projection", name);
        Gauge.builder("cairn.events.projection.lag.events", lagEvents, AtomicLong::get).tags(tags)
                .description("committed events the projection has not applied").register(registry);
        Gauge.builder("cairn.events.projection.lag.seconds", lagMillis, v -> v.get() / 1000.0).tags(tags)
                .description("how long the oldest unapplied event has waited").register(registry);
        Gauge.builder("cairn.events.projection.paused", paused, AtomicLong::get).tags(tags)
                .description("1 while the projection is paused on a poison event").register(registry);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized ProjectionRunner start() {
        if (running) {
            return this;
        }
        catalog.register(name);
        running = true;
        thread = new Thread(this::loop, "cairn-projection-" + name);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    @Override
    public void stop() {
        Thread running;
        synchronized (this) {
            this.running = false;
            running = thread;
            thread = null;
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (lease) {
            lease.close();
        }
    }

    @Override
    public int runOnce() {
        catalog.register(name);
        synchronized (lease) {
            return round();
        }
    }

    private void loop() {
        while (running) {
            int applied;
            try {
                synchronized (lease) {
                    applied = round();
                }
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                LOG.warn("database '{}': projection '{}': round failed, trying again after {}: {}", db, name,
                        settings.pollInterval(), e.toString());
                pause(settings.pollInterval());
                continue;
            }
            if (applied == 0 && running && !lease.await(settings.pollInterval())) {
                pause(settings.pollInterval());
            }
        }
    }

    /** One round; the number of events applied (0: nothing to do, not the owner, or paused). */
    private int round() {
        if (!lease.acquire()) {
            return 0;
        }
        catalog.heartbeat(name, owner);
        ProjectionCatalog.State state = catalog.state(name);
        int applied = 0;
        if (!state.paused()) {
            applied += step(state.live(), true);
            while (applied > 0 && applied % limit == 0 && running && applied < 50 * settings.batchSize()) {
                int more = step(state.live(), true); // catching up: full batches back to back
                if (more == 0) {
                    break;
                }
                applied += more;
            }
            if (state.building().isPresent()) {
                applied += step(state.building().get(), false);
                if (catalog.swapIfCaughtUp(name)) {
                    LOG.info("database '{}': projection '{}': generation {} rebuilt and swapped in", db, name,
                            state.building().get());
                }
            }
        }
        publish(catalog.status(name));
        return applied;
    }

    private int step(int generation, boolean live) {
        try {
            int applied = batch.run(generation, live, limit);
            limit = settings.batchSize();
            failures = 0;
            return applied;
        } catch (PoisonEventException e) {
            if (limit > 1) {
                limit = 1; // isolate the failing event: the events before it in this batch still go through
                return 0;
            }
            failures++;
            if (failures >= settings.maxAttempts()) {
                LOG.error("database '{}': {}; projection paused (fix it, then resume it)", db, e.getMessage());
                catalog.pause(name, e.getMessage());
                failures = 0;
                limit = settings.batchSize();
            } else {
                LOG.warn("database '{}': {} (attempt {} of {})", db, e.getMessage(), failures, settings.maxAttempts());
            }
            return 0;
        }
    }

    private void publish(ProjectionStatus status) {
        lagEvents.set(status.lagEvents());
        lagMillis.set(status.lagTime().toMillis());
        paused.set(status.liveness() == ProjectionStatus.Liveness.PAUSED ? 1 : 0);
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            if (running) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }
}
