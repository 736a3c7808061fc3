package io.cairn.agent;

import io.cairn.Cairn;
import io.cairn.agent.internal.AdminServer;
import io.cairn.agent.internal.AgentMetrics;
import io.cairn.agent.internal.AlertCenter;
import io.cairn.agent.internal.HealthMonitor;
import io.cairn.agent.internal.JobExecutor;
import io.cairn.agent.internal.RestoreWindows;
import io.cairn.agent.internal.RunHistory;
import io.cairn.agent.internal.Scheduler;
import io.cairn.agent.internal.WalSupervisor;
import io.cairn.backup.postgres.PgBackupList;
import io.cairn.backup.postgres.PostgresBackups;
import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.HealthReport;
import io.cairn.core.config.CairnConfig;
import io.cairn.repository.Repository;
import io.cairn.repository.SnapshotInfo;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon behind {@code cairn agent}: runs the configured schedules, records every run,
 * applies retention, keeps WAL streaming, watches health and raises alerts, and serves the admin
 * API, /metrics and the dashboard. Build with {@link #builder}, then {@link AgentBuilder#start()};
 * {@link #close()} stops it gracefully (running jobs get {@code shutdown-grace} to finish, then
 * are interrupted; WAL streamers store what they received, then stop).
 *
 * <p>Tests build it with {@code loop(false)} and drive time with {@link #tick(Instant)}.
 */
public final class Agent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Agent.class);

    private final AgentConfig config;
    private final Clock clock;
    private final Cairn cairn;
    private final boolean ownsCairn;
    private final DataManager dataManager;
    private final Repository repository;
    private final RunHistory history;
    private final Scheduler scheduler;
    private final JobExecutor executor;
    private final AlertCenter alerts;
    private final HealthMonitor monitor;
    private final io.cairn.agent.internal.TransactionMonitor transactions;
    private final PrometheusMeterRegistry registry;
    private final WalSupervisor walSupervisor;
    private final RestoreWindows restoreWindows;
    private final Map<String, JobRunner> runners;
    private final ExecutorService workers = Executors.newFixedThreadPool(2, named("cairn-agent-job"));
    private final ExecutorService webhookSender = Executors.newSingleThreadExecutor(named("cairn-agent-webhook"));
    // three threads: a health check or a WAL status query waiting on an unreachable server never delays the schedules
    private final ScheduledExecutorService loop = Executors.newScheduledThreadPool(3, named("cairn-agent-loop"));
    private final Duration shutdownGrace;
    private final Instant startedAt;
    private AdminServer server;
    private volatile Instant nextCheck;
    private boolean closed;

    Agent(AgentBuilder builder, AgentConfig config, Cairn cairn, boolean ownsCairn) {
        this.config = config;
        this.cairn = cairn;
        this.ownsCairn = ownsCairn;
        this.clock = cairn.clock();
        this.registry = builder.registry;
        this.dataManager = cairn.databases();
        this.repository = cairn.repository();
        this.runners = Map.copyOf(builder.runners);
        this.shutdownGrace = builder.shutdownGrace;
        this.startedAt = clock.instant();
        this.history = RunHistory.open(config.stateDirectory(), startedAt);
        AgentMetrics metrics = new AgentMetrics(registry);
        this.alerts = new AlertCenter(clock, config.alerts().webhook(), webhookSender, builder.sleeper,
                config.stateDirectory());
        Optional<Path> repositoryDirectory = cairn.repositoryLocation().directory();
        this.monitor = new HealthMonitor(dataManager, config.alerts(), config.schedules(),
                s -> runners.get(s.run()), history, alerts, repositoryDirectory, startedAt, metrics);
        this.transactions = new io.cairn.agent.internal.TransactionMonitor(cairn, alerts);
        this.scheduler = new Scheduler(config.schedules(), history, startedAt, config.missedRunsWithin());
        PostgresBackups postgresBackups = cairn.postgres();
        this.walSupervisor = new WalSupervisor(cairn.wal(), postgresBackups, alerts, config.alerts().walLagOver(), metrics,
                startedAt);
        this.restoreWindows = new RestoreWindows(dataManager.config().databases().values(), repository, postgresBackups,
                metrics);
        this.executor = new JobExecutor(runners, history, cairn, cairn.retention(), workers,
                metrics, run -> {
                    monitor.onRunFinished(run);
                    refreshRestoreWindows();
                });
        metrics.registerGauges(monitor::repositoryBytes, monitor::diskFreeRatio, () -> alerts.open().size());
        config.schedules().forEach(s -> history.lastSuccess(s.name()).ifPresent(metrics::lastSuccessFromHistory));
        alerts.resolveIf(key -> !concernsConfigured(key, config, dataManager));
        // a schedule whose newest run failed (or was cut by a crash) is still failing after a restart
        config.schedules().forEach(s -> history.lastFinished(s.name()).ifPresent(monitor::onRunFinished));
        this.nextCheck = startedAt;
    }

    /** Whether an alert key ({@code kind:name}, or a bare kind) names a schedule or database still configured. */
    private static boolean concernsConfigured(String key, AgentConfig config, DataManager dataManager) {
        int colon = key.indexOf(':');
        if (colon < 0) {
            return true;
        }
        String name = key.substring(colon + 1);
        return config.schedule(name).isPresent() || dataManager.databaseIds().contains(name);
    }

    /** An agent over a {@link Cairn} the caller owns (and closes after the agent). */
    public static AgentBuilder builder(Cairn cairn) {
        return new AgentBuilder(cairn);
    }

    /** An agent that opens its own {@link Cairn} over {@code config} and closes it when it stops. */
    public static AgentBuilder builder(CairnConfig config) {
        return new AgentBuilder(config);
    }

    /**
     * Supervises WAL streaming, runs the schedules due at {@code now} and, when due, the health
     * checks. The loop does the three every second on threads of their own; tests call this.
     */
    public void tick(Instant now) {
        walSupervisor.tick(now);
        runDueSchedules(now);
        checkHealthIfDue(now);
    }

    private void runDueSchedules(Instant now) {
        for (Scheduler.Due due : scheduler.tick(now)) {
            executor.submit(due.schedule(), due.missed() ? "missed" : "schedule", Optional.of(due.scheduledFor()));
        }
    }

    private void checkHealthIfDue(Instant now) {
        if (!now.isBefore(nextCheck)) {
            nextCheck = now.plus(config.checkEvery());
            checkHealth(now);
        }
    }

    /** Evaluates every alert condition now. */
    public void checkHealth(Instant now) {
        try {
            monitor.check(now);
            transactions.check();
        } catch (RuntimeException e) {
            log.warn("health check failed: {}", e.getMessage());
        }
        refreshRestoreWindows();
    }

    private void refreshRestoreWindows() {
        try {
            restoreWindows.refresh();
        } catch (RuntimeException e) {
            log.warn("restore windows not refreshed: {}", e.getMessage());
        }
    }

    /** Starts a run of the named schedule now (trigger {@code manual}); NOT_FOUND for an unknown name. */
    public RunRecord trigger(String scheduleName) {
        ScheduleConfig schedule = config.schedule(scheduleName).orElseThrow(() -> new CairnException(ErrorCode.NOT_FOUND,
                "schedule '" + scheduleName + "' is not configured (configured: "
                        + config.schedules().stream().map(ScheduleConfig::name).toList() + ")"));
        return executor.submit(schedule, "manual", Optional.empty());
    }

    /** Waits until no job runs, at most {@code timeout}; returns whether the agent is idle. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (config.schedules().stream().anyMatch(s -> executor.isRunning(s.name()))) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    public AgentConfig config() {
        return config;
    }

    public List<RunRecord> runs(int limit, Optional<String> job) {
        return history.recent(limit, job);
    }

    public List<Alert> openAlerts() {
        return alerts.open();
    }

    public List<Alert> resolvedAlerts() {
        return alerts.recentlyResolved();
    }

    public boolean isRunning(String schedule) {
        return executor.isRunning(schedule);
    }

    public Instant nextFiring(ScheduleConfig schedule) {
        return scheduler.nextFiring(schedule, clock.instant());
    }

    /** The supervised WAL streams as last sampled. */
    public List<WalStreamReport> walStreams() {
        return walSupervisor.reports();
    }

    /** The base backups and archived WAL of each PostgreSQL database, as listed at the last health check or run. */
    public Map<String, PgBackupList> baseBackups() {
        return restoreWindows.baseBackups();
    }

    /** What each database can be restored to, as computed at the last health check or run. */
    public List<RestoreWindow> restoreWindows() {
        return restoreWindows.all();
    }

    public List<SnapshotInfo> snapshots() {
        return repository.snapshots();
    }

    /** The newest health report, checking now when none was taken yet. */
    public HealthReport health() {
        return monitor.lastReport().orElseGet(dataManager::health);
    }

    public long repositoryBytes() {
        return monitor.repositoryBytes();
    }

    public double diskFreeRatio() {
        return monitor.diskFreeRatio();
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Clock clock() {
        return clock;
    }

    public String repositoryDescription() {
        return repository.info().location();
    }

    /** The Prometheus text of every meter (agent and databases). */
    public String scrape() {
        return registry.scrape();
    }

    /** Where the admin API listens, once started with a server. */
    public Optional<InetSocketAddress> address() {
        return Optional.ofNullable(server).map(AdminServer::address);
    }

    /**
     * Stops gracefully: no new runs; running jobs get the grace period, then are interrupted; WAL
     * received is stored; locks are released.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        loop.shutdownNow();
        if (server != null) {
            server.stop();
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("agent: jobs still running after {}; interrupting them", shutdownGrace);
                executor.interruptAll();
                workers.shutdownNow();
                workers.awaitTermination(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
        // after the jobs: a base backup still running may be waiting for WAL only the streamer brings
        walSupervisor.close();
        webhookSender.shutdown();
        try {
            webhookSender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        webhookSender.shutdownNow();
        history.close();
        if (ownsCairn) {
            cairn.close();
        }
        log.info("agent stopped");
    }

    /** Attaches the started admin server (the builder starts it once the agent exists). */
    void serve(AdminServer adminServer) {
        this.server = adminServer;
    }

    void startLoop() {
        transactions.start();
        every(Duration.ofSeconds(1), "schedules", this::runDueSchedules);
        every(Duration.ofSeconds(1), "WAL supervision", walSupervisor::tick);
        every(Duration.ofSeconds(1), "health check", this::checkHealthIfDue);
    }

    private void every(Duration period, String what, java.util.function.Consumer<Instant> task) {
        loop.scheduleWithFixedDelay(() -> {
            try {
                task.accept(clock.instant());
            } catch (RuntimeException e) {
                log.warn("agent loop, {}: {}", what, e.getMessage(), e);
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
