package io.cairn.tx.internal.xa;

import io.cairn.core.Sleeper;
import io.cairn.tx.InDoubtBranch;
import io.cairn.tx.InDoubtReport;
import io.cairn.tx.RecoveryResult;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background recovery: a run at once, then one every {@code interval} on the injected sleeper, on
 * one daemon thread that {@link #close()} interrupts and joins. After each run it keeps the
 * in-doubt report for the gauges ({@code cairn.tx.in_doubt}, {@code cairn.tx.in_doubt.alerts})
 * and the agent's alert, and logs a WARN line per branch older than {@code alert-after} and per
 * branch recovery could not resolve.
 */
final class RecoveryLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecoveryLoop.class);
    private final Supplier<RecoveryResult> recover;
    private final Supplier<InDoubtReport> report;
    private final Sleeper sleeper;
    private final Duration interval;
    private final AtomicLong inDoubt = new AtomicLong();
    private final AtomicLong alerts = new AtomicLong();
    private final AtomicReference<InDoubtReport> last = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean closed;

    RecoveryLoop(String coordinator, Supplier<RecoveryResult> recover, Supplier<InDoubtReport> report,
            Sleeper sleeper, Duration interval, MeterRegistry registry) {
        this.recover = recover;
        this.report = report;
        this.sleeper = sleeper;
        this.interval = interval;
        Gauge.builder("cairn.tx.in_doubt", inDoubt, AtomicLong::get).tag("coordinator", coordinator)
                .description("prepared branches of this coordinator found by the last recovery run").register(registry);
        Gauge.builder("cairn.tx.in_doubt.alerts", alerts, AtomicLong::get).tag("coordinator", coordinator)
                .description("prepared branches older than recovery.alert-after").register(registry);
        this.thread = new Thread(this::loop, "cairn-tx-recovery-" + coordinator);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    Optional<InDoubtReport> last() {
        return Optional.ofNullable(last.get());
    }

    private void loop() {
        while (!closed) {
            runOnce();
            try {
                sleeper.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void runOnce() {
        try {
            RecoveryResult result = recover.get();
            result.resolutions().stream().filter(r -> r.unresolved()).forEach(r -> LOG.warn(
                    "transactions: branch of {} on '{}' unresolved: {} — {}", r.gid(), r.db(), r.action(), r.detail()));
            result.problems().forEach(p -> LOG.warn("transactions: recovery: {}", p));
            result.resolutions().stream().filter(r -> !r.unresolved()).forEach(r -> LOG.info(
                    "transactions: recovery {} branch of {} on '{}' ({})", r.action(), r.gid(), r.db(), r.detail()));
            InDoubtReport now = report.get();
            last.set(now);
            inDoubt.set(now.branches().size());
            alerts.set(now.alerts());
            for (InDoubtBranch branch : now.branches()) {
                if (branch.alert()) {
                    LOG.warn("transactions: branch {} on '{}' has been prepared for {} (longer than alert-after); "
                            + "the log says {} — see cairn tx in-doubt", branch.branch(), branch.db(), branch.age(),
                            branch.outcome());
                }
            }
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn("transactions: recovery run failed: {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
