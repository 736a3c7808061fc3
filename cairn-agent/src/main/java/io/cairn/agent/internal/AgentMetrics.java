package io.cairn.agent.internal;

import io.cairn.agent.RunRecord;
import io.cairn.agent.ScheduleConfig;
import io.cairn.agent.WalStreamReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The agent's own meters (the DataManager adds the {@code cairn.db.*} ones to the same registry):
 * <ul>
 *   <li>{@code cairn.agent.job.duration} (timer; tags job, outcome) and {@code cairn.agent.job.runs}
 *       (counter; job, outcome, including skipped);</li>
 *   <li>{@code cairn.agent.job.last.success} (gauge, epoch seconds; job);</li>
 *   <li>{@code cairn.agent.backup.bytes} (size of the newest backup), {@code cairn.agent.backup.added.bytes}
 *       (new data it added before compression) and {@code cairn.agent.backup.dedup.ratio} (the first per byte of
 *       the second; gauges; job);</li>
 *   <li>{@code cairn.agent.repository.bytes}, {@code cairn.agent.disk.free.ratio},
 *       {@code cairn.agent.alerts.open} (gauges);</li>
 *   <li>{@code cairn.agent.db.health.latency} (timer with p50/p95/p99; db): the health probe's round trip;</li>
 *   <li>{@code cairn.agent.wal.lag.seconds}, {@code cairn.agent.wal.lag.bytes}, {@code cairn.agent.wal.streaming}
 *       (1 while connected), {@code cairn.agent.wal.restarts}, {@code cairn.agent.wal.segments.stored} (gauges; db);</li>
 *   <li>{@code cairn.agent.restore.window.oldest}, {@code cairn.agent.restore.window.newest} (gauges, epoch
 *       seconds; db): the oldest and newest point each database can be restored to.</li>
 * </ul>
 */
public final class AgentMetrics {
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> backupBytes = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> addedBytes = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<Double>> dedupRatios = new ConcurrentHashMap<>();

    public AgentMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Gauges read at scrape time from the health monitor. */
    public void registerGauges(Supplier<Number> repositoryBytes, Supplier<Number> diskFreeRatio, Supplier<Number> openAlerts) {
        Gauge.builder("cairn.agent.repository.bytes", () -> repositoryBytes.get().doubleValue())
                .description("bytes the repository takes on disk (local repositories)").baseUnit("bytes").register(registry);
        Gauge.builder("cairn.agent.disk.free.ratio", () -> diskFreeRatio.get().doubleValue())
                .description("free fraction of the repository's file system").register(registry);
        Gauge.builder("cairn.agent.alerts.open", () -> openAlerts.get().doubleValue())
                .description("alerts currently open").register(registry);
    }

    /** The gauges of one supervised WAL stream, read from its newest report at scrape time. */
    public void registerWalStream(String db, Supplier<WalStreamReport> report) {
        Gauge.builder("cairn.agent.wal.lag.seconds", () -> report.get().lagSeconds()).tag("db", db).baseUnit("seconds")
                .description("age of the oldest WAL the repository does not hold yet").register(registry);
        Gauge.builder("cairn.agent.wal.lag.bytes", () -> report.get().lagBytes().map(Long::doubleValue).orElse(Double.NaN))
                .tag("db", db).baseUnit("bytes").description("WAL the server wrote that the repository does not hold yet")
                .register(registry);
        Gauge.builder("cairn.agent.wal.streaming", () -> report.get().connected() ? 1 : 0).tag("db", db)
                .description("1 while the WAL streamer is connected").register(registry);
        Gauge.builder("cairn.agent.wal.restarts", () -> report.get().restarts()).tag("db", db)
                .description("WAL streamers started again after one stopped").register(registry);
        Gauge.builder("cairn.agent.wal.segments.stored", () -> report.get().segmentsStored()).tag("db", db)
                .description("complete WAL segments the current streamer stored").register(registry);
    }

    /** The restore window gauges of one database, read from the newest computed windows at scrape time. */
    public void registerRestoreWindow(String db, Supplier<Optional<Instant>> oldest, Supplier<Optional<Instant>> newest) {
        Gauge.builder("cairn.agent.restore.window.oldest", () -> epochSeconds(oldest.get())).tag("db", db)
                .description("epoch seconds of the oldest point the database can be restored to").register(registry);
        Gauge.builder("cairn.agent.restore.window.newest", () -> epochSeconds(newest.get())).tag("db", db)
                .description("epoch seconds of the newest point the database can be restored to").register(registry);
    }

    private static double epochSeconds(Optional<Instant> time) {
        return time.map(t -> t.toEpochMilli() / 1000.0).orElse(Double.NaN);
    }

    public void recordRun(RunRecord record, ScheduleConfig schedule) {
        String outcome = record.outcome().name();
        Counter.builder("cairn.agent.job.runs").tag("job", record.job()).tag("run", schedule.run()).tag("outcome", outcome)
                .description("runs by outcome").register(registry).increment();
        record.end().ifPresent(end -> Timer.builder("cairn.agent.job.duration").tag("job", record.job())
                .tag("outcome", outcome).description("how long runs took").register(registry)
                .record(Duration.between(record.start(), end)));
        if (record.outcome() == RunRecord.Outcome.succeeded) {
            gauge(lastSuccess, "cairn.agent.job.last.success", record.job(), "epoch seconds of the newest successful run")
                    .set(record.end().orElse(record.start()).getEpochSecond());
            number(record.figures().get("bytes")).ifPresent(bytes -> gauge(backupBytes, "cairn.agent.backup.bytes",
                    record.job(), "size of the data in the newest backup").set(bytes));
            number(record.figures().get("dataAdded")).ifPresent(bytes -> gauge(addedBytes, "cairn.agent.backup.added.bytes",
                    record.job(), "new data the newest backup added (the rest was deduplicated)").set(bytes));
            number(record.figures().get("bytes")).ifPresent(bytes -> number(record.figures().get("dataAdded"))
                    .ifPresent(added -> dedupRatio(record.job()).set(bytes / (double) Math.max(1, added))));
        }
    }

    /** Health-probe round trips, so the latency percentiles exist even when the agent runs no queries. */
    public void recordHealth(io.cairn.core.DatabaseHealth health) {
        Timer.builder("cairn.agent.db.health.latency").tag("db", health.id()).publishPercentiles(0.5, 0.95, 0.99)
                .description("round trip of the agent's health probe").register(registry).record(health.latency());
    }

    /** Seeds the last-success gauge from the run history at start. */
    public void lastSuccessFromHistory(RunRecord record) {
        gauge(lastSuccess, "cairn.agent.job.last.success", record.job(), "epoch seconds of the newest successful run")
                .set(record.end().orElse(record.start()).getEpochSecond());
    }

    /** Logical bytes of the newest backup per byte it added: 1 = nothing deduplicated, 50 = 2 % was new. */
    private AtomicReference<Double> dedupRatio(String job) {
        return dedupRatios.computeIfAbsent(job, key -> {
            var value = new AtomicReference<>(Double.NaN);
            Gauge.builder("cairn.agent.backup.dedup.ratio", value, AtomicReference::get).tag("job", key)
                    .description("logical bytes of the newest backup per new byte it added").register(registry);
            return value;
        });
    }

    private AtomicLong gauge(Map<String, AtomicLong> values, String name, String job, String description) {
        return values.computeIfAbsent(job, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::doubleValue).tag("job", key).description(description).register(registry);
            return value;
        });
    }

    private static java.util.Optional<Long> number(Object value) {
        return value instanceof Number n ? java.util.Optional.of(n.longValue()) : java.util.Optional.empty();
    }
}
