package io.cairn.agent.internal;

import io.cairn.Cairn;
import io.cairn.agent.JobContext;
import io.cairn.agent.JobResult;
import io.cairn.agent.JobRunner;
import io.cairn.agent.RunRecord;
import io.cairn.agent.ScheduleConfig;
import io.cairn.repository.RetentionPolicy;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs on the agent's worker threads, one run per schedule at a time: a firing that arrives
 * while the previous run of the same schedule is still going is recorded as {@code skipped}.
 * Every run is recorded in the {@link RunHistory} before it starts and when it ends; after a
 * successful backup the runner's retention is applied before the run ends.
 *
 * <p>Retention (and jobs that rewrite the repository, like {@code forget}) needs the repository
 * alone: forgetting and pruning take its exclusive lock, which any backup, dump or verify in
 * progress holds shared. So jobs take the shared side of a fair read-write gate for their work,
 * and retention the exclusive side: retention waits until the jobs running at that moment have
 * finished their work (never failing with LOCKED because of the agent's own jobs), and jobs
 * starting meanwhile wait behind it.
 *
 * <p>Runs of different schedules that concern the same database run one after the other (the
 * later waits): two base backups of one database at once would only compete for the same disk
 * and WAL, as pgBackRest refuses them too. A nightly full and an hourly incremental that both
 * fire at 02:00 therefore both succeed, one after the other, each with its retention.
 */
public final class JobExecutor {
    private static final Logger log = LoggerFactory.getLogger(JobExecutor.class);

    private final Map<String, JobRunner> runners;
    private final RunHistory history;
    private final Cairn cairn;
    private final Clock clock;
    private final Optional<RetentionPolicy> retention;
    private final ExecutorService workers;
    private final AgentMetrics metrics;
    private final Consumer<RunRecord> onFinished;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Map<Long, Future<Void>> futures = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock repositoryGate = new ReentrantReadWriteLock(true);
    private final Map<String, Lock> databaseLocks = new ConcurrentHashMap<>();

    public JobExecutor(Map<String, JobRunner> runners, RunHistory history, Cairn cairn,
            Optional<RetentionPolicy> retention, ExecutorService workers, AgentMetrics metrics,
            Consumer<RunRecord> onFinished) {
        this.runners = Map.copyOf(runners);
        this.history = history;
        this.cairn = cairn;
        this.clock = cairn.clock();
        this.retention = retention;
        this.workers = workers;
        this.metrics = metrics;
        this.onFinished = onFinished;
    }

    /** Starts a run (or records a skip when one is still going); returns the record as it stands. */
    public RunRecord submit(ScheduleConfig schedule, String trigger, Optional<java.time.Instant> scheduledFor) {
        if (!running.add(schedule.name())) {
            RunRecord skipped = history.start(schedule.name(), schedule.run(), trigger, scheduledFor, clock.instant())
                    .finish(clock.instant(), RunRecord.Outcome.skipped, Map.of(),
                            Optional.of("the previous run of '" + schedule.name() + "' was still going"));
            history.finish(skipped);
            metrics.recordRun(skipped, schedule);
            log.warn("schedule '{}': skipped the firing for {} because the previous run is still going", schedule.name(),
                    scheduledFor.map(Object::toString).orElse(trigger));
            return skipped;
        }
        RunRecord started;
        try {
            started = history.start(schedule.name(), schedule.run(), trigger, scheduledFor, clock.instant());
        } catch (RuntimeException e) {
            running.remove(schedule.name());
            throw e;
        }
        // registered before it can run, so that a fast run's removal of its entry is never overtaken
        java.util.concurrent.FutureTask<Void> task = new java.util.concurrent.FutureTask<>(() -> execute(schedule, started), null);
        futures.put(started.id(), task);
        try {
            workers.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            futures.remove(started.id());
            running.remove(schedule.name());
            RunRecord refused = started.finish(clock.instant(), RunRecord.Outcome.interrupted, Map.of(),
                    Optional.of("the agent is stopping"));
            history.finish(refused);
            return refused;
        }
        return started;
    }

    /** Whether a run of this schedule is going. */
    public boolean isRunning(String schedule) {
        return running.contains(schedule);
    }

    private void execute(ScheduleConfig schedule, RunRecord started) {
        RunRecord finished;
        try {
            JobRunner runner = runners.get(schedule.run());
            Map<String, Object> figures = withDatabase(schedule, () -> runAndRetain(runner, schedule));
            finished = started.finish(clock.instant(), RunRecord.Outcome.succeeded, figures, Optional.empty());
        } catch (Exception e) {
            boolean interrupted = Thread.currentThread().isInterrupted() || e instanceof InterruptedException;
            String message = Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
            finished = started.finish(clock.instant(), interrupted ? RunRecord.Outcome.interrupted : RunRecord.Outcome.failed,
                    Map.of(), Optional.of(message));
            log.warn("schedule '{}': run {} {}: {}", schedule.name(), started.id(), finished.outcome(), message);
        }
        try {
            history.finish(finished);
            metrics.recordRun(finished, schedule);
            // before the schedule counts as idle, so that whoever waits for it sees alerts and windows updated
            onFinished.accept(finished);
        } finally {
            running.remove(schedule.name());
            futures.remove(started.id());
        }
    }

    private Map<String, Object> runAndRetain(JobRunner runner, ScheduleConfig schedule) throws Exception {
        JobContext context = new JobContext(schedule, cairn, retention);
        JobResult result = withGate(runner.needsRepositoryAlone(), () -> runner.run(context));
        Map<String, Object> figures = new LinkedHashMap<>(result.figures());
        if (runner.producesBackups() && schedule.retention() && retention.isPresent()) {
            withGate(true, () -> {
                applyRetention(runner, context, figures);
                return null;
            });
        }
        return figures;
    }

    /** Runs {@code work} after any other run concerning the schedule's database has finished. */
    private <T> T withDatabase(ScheduleConfig schedule, Work<T> work) throws Exception {
        if (schedule.database().isEmpty()) {
            return work.run();
        }
        Lock lock = databaseLocks.computeIfAbsent(schedule.database().get(), db -> new ReentrantLock(true));
        lock.lockInterruptibly();
        try {
            return work.run();
        } finally {
            lock.unlock();
        }
    }

    private interface Work<T> {
        T run() throws Exception;
    }

    /** Runs {@code work} holding the gate's exclusive side when {@code alone}, else its shared side. */
    private <T> T withGate(boolean alone, Work<T> work) throws Exception {
        Lock side = alone ? repositoryGate.writeLock() : repositoryGate.readLock();
        side.lockInterruptibly();
        try {
            return work.run();
        } finally {
            side.unlock();
        }
    }

    /** The runner's retention (default: this schedule's snapshots by policy, then prune); a failure is kept and alerted on. */
    private void applyRetention(JobRunner runner, JobContext context, Map<String, Object> figures) {
        try {
            figures.putAll(runner.applyRetention(context, retention.orElseThrow()));
        } catch (RuntimeException e) {
            log.warn("schedule '{}': retention failed: {}", context.schedule().name(), e.getMessage());
            figures.put("retentionError", String.valueOf(e.getMessage()));
        }
    }

    /** Interrupts running work (used when a graceful stop runs out of patience). */
    public void interruptAll() {
        futures.values().forEach(f -> f.cancel(true));
    }
}
