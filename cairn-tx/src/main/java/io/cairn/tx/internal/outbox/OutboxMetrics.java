package io.cairn.tx.internal.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.cairn.tx.OutboxStatus;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbox meters of one database: counters of deliveries, failures and parkings, and gauges of
 * pending and parked messages and the oldest pending age (seconds), set from the last status read.
 */
final class OutboxMetrics {
    private final Counter delivered;
    private final Counter failures;
    private final Counter parked;
    private final AtomicLong pendingNow = new AtomicLong();
    private final AtomicLong parkedNow = new AtomicLong();
    private final AtomicLong oldestMillis = new AtomicLong();

    OutboxMetrics(MeterRegistry registry, String db) {
        this.delivered = Counter.builder("cairn.outbox.delivered").tag("db", db).register(registry);
        this.failures = Counter.builder("cairn.outbox.failures").tag("db", db).register(registry);
        this.parked = Counter.builder("cairn.outbox.parked").tag("db", db).register(registry);
        Gauge.builder("cairn.outbox.pending", pendingNow, AtomicLong::get).tag("db", db).register(registry);
        Gauge.builder("cairn.outbox.parked.now", parkedNow, AtomicLong::get).tag("db", db).register(registry);
        Gauge.builder("cairn.outbox.oldest.pending.age", oldestMillis, a -> a.get() / 1000.0).tag("db", db)
                .baseUnit("seconds").register(registry);
    }

    void delivered() {
        delivered.increment();
    }

    void failed() {
        failures.increment();
    }

    void parked() {
        failures.increment();
        parked.increment();
    }

    void status(OutboxStatus status) {
        pendingNow.set(status.pending());
        parkedNow.set(status.parked());
        oldestMillis.set(status.oldestPendingAge().map(java.time.Duration::toMillis).orElse(0L));
    }
}
