package io.cairn.agent.internal;

import io.cairn.agent.Alert;
import io.cairn.agent.AlertConfig;
import io.cairn.agent.JobRunner;
import io.cairn.agent.RunRecord;
import io.cairn.agent.ScheduleConfig;
import io.cairn.core.DataManager;
import io.cairn.core.DatabaseHealth;
import io.cairn.core.HealthReport;
import io.cairn.core.HealthStatus;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the alert conditions: database health, backup freshness per backup schedule,
 * verify freshness per verifying schedule, free space of the repository's file system, and failed runs (on each run's end). Keeps the
 * latest figures for /api/status and the gauges.
 */
public final class HealthMonitor {
    private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);

    private final DataManager dataManager;
    private final AlertConfig config;
    private final List<ScheduleConfig> schedules;
    private final Function<ScheduleConfig, JobRunner> runnerOf;
    private final RunHistory history;
    private final AlertCenter alerts;
    private final Optional<Path> repositoryDirectory;
    private final Instant startedAt;
    private final AgentMetrics metrics;
    private final AtomicLong repositoryBytes = new AtomicLong(-1);
    private volatile double diskFreeRatio = Double.NaN;
    private volatile Optional<HealthReport> lastReport = Optional.empty();

    public HealthMonitor(DataManager dataManager, AlertConfig config, List<ScheduleConfig> schedules,
            Function<ScheduleConfig, JobRunner> runnerOf, RunHistory history, AlertCenter alerts,
            Optional<Path> repositoryDirectory, Instant startedAt, AgentMetrics metrics) {
        this.metrics = metrics;
        this.dataManager = dataManager;
        this.config = config;
        this.schedules = List.copyOf(schedules);
        this.runnerOf = runnerOf;
        this.history = history;
        this.alerts = alerts;
        this.repositoryDirectory = repositoryDirectory;
        this.startedAt = startedAt;
    }

    /** Checks every condition once; raises and resolves alerts accordingly. */
    public void check(Instant now) {
        checkDatabases();
        checkFreshness(now);
        checkDisk();
    }

    /** Raises job-failed:&lt;schedule&gt; on a failed or interrupted run, resolves it on success. */
    public void onRunFinished(RunRecord run) {
        String key = "job-failed:" + run.job();
        switch (run.outcome()) {
            case failed, interrupted -> alerts.raise(key, Alert.Severity.critical,
                    "run " + run.id() + " of '" + run.job() + "' " + run.outcome() + ": " + run.error().orElse("no message"));
            case succeeded -> {
                alerts.resolve(key);
                String retentionKey = "retention-failed:" + run.job();
                Object retentionError = run.figures().get("retentionError");
                if (retentionError != null) {
                    alerts.raise(retentionKey, Alert.Severity.warning, "retention after '" + run.job() + "' failed: " + retentionError);
                } else {
                    alerts.resolve(retentionKey);
                }
            }
            default -> { }
        }
    }

    private void checkDatabases() {
        if (dataManager.databaseIds().isEmpty()) {
            return;
        }
        HealthReport report = dataManager.health();
        lastReport = Optional.of(report);
        Set<String> failing = new HashSet<>();
        for (DatabaseHealth database : report.databases()) {
            metrics.recordHealth(database);
            if (database.status() != HealthStatus.UP) {
                String key = "database:" + database.id();
                failing.add(key);
                alerts.raise(key, database.status() == HealthStatus.DOWN ? Alert.Severity.critical : Alert.Severity.warning,
                        "database '" + database.id() + "' is " + database.status() + ": " + database.error().orElse("no detail"));
            }
        }
        alerts.resolveAllExcept("database:", failing);
    }

    private void checkFreshness(Instant now) {
        for (ScheduleConfig schedule : schedules) {
            JobRunner runner = runnerOf.apply(schedule);
            if (runner.producesBackups()) {
                checkAge(schedule, now, "backup-stale:", "backup", config.backupOlderThan());
            }
            if (runner.verifiesBackups()) {
                checkAge(schedule, now, "verify-stale:", "verify", config.verifyOlderThan());
            }
        }
    }

    /** Raises {@code prefix<schedule>} when the schedule's newest success (or, with none, the agent's start) is too old. */
    private void checkAge(ScheduleConfig schedule, Instant now, String prefix, String what, Duration limit) {
        String key = prefix + schedule.name();
        Optional<Instant> newest = history.lastSuccess(schedule.name()).flatMap(RunRecord::end);
        Duration age = Duration.between(newest.orElse(startedAt), now);
        if (age.compareTo(limit) <= 0) {
            alerts.resolve(key);
            return;
        }
        alerts.raise(key, Alert.Severity.critical, newest.map(n -> "the newest successful " + what + " of '"
                + schedule.name() + "' is " + age.toMinutes() + " min old (limit " + limit.toMinutes() + " min)")
                .orElse("'" + schedule.name() + "' has no successful " + what + " yet, " + age.toMinutes()
                        + " min after the agent started"));
    }

    private void checkDisk() {
        if (repositoryDirectory.isEmpty() || !Files.isDirectory(repositoryDirectory.get())) {
            return;
        }
        Path directory = repositoryDirectory.get();
        try {
            FileStore store = Files.getFileStore(directory);
            diskFreeRatio = store.getTotalSpace() == 0 ? 1.0 : (double) store.getUsableSpace() / store.getTotalSpace();
            try (Stream<Path> files = Files.walk(directory)) {
                repositoryBytes.set(files.filter(Files::isRegularFile).mapToLong(HealthMonitor::size).sum());
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            log.warn("repository {}: cannot measure space: {}", directory, e.getMessage());
            return;
        }
        if (diskFreeRatio * 100 < config.diskFreeUnder()) {
            alerts.raise("disk-free-low", Alert.Severity.critical, String.format(java.util.Locale.ROOT,
                    "the file system of %s has %.1f%% free (limit %.1f%%)", directory, diskFreeRatio * 100, config.diskFreeUnder()));
        } else {
            alerts.resolve("disk-free-low");
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    public long repositoryBytes() {
        return repositoryBytes.get();
    }

    public double diskFreeRatio() {
        return diskFreeRatio;
    }

    public Optional<HealthReport> lastReport() {
        return lastReport;
    }
}
