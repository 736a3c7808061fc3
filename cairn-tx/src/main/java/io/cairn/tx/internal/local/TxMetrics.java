package io.cairn.tx.internal.local;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counters of local transactions, tagged with the database id (retries also with the reason). */
final class TxMetrics {
    private final MeterRegistry registry;

    TxMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void committed(String db) {
        Counter.builder("cairn.tx.commits").tag("db", db).register(registry).increment();
    }

    void rolledBack(String db) {
        Counter.builder("cairn.tx.rollbacks").tag("db", db).register(registry).increment();
    }

    void retried(String db, String reason) {
        Counter.builder("cairn.tx.retries").tag("db", db).tag("reason", reason).register(registry).increment();
    }

    void hookFailed(String db, String kind) {
        Counter.builder("cairn.tx.hook.failures").tag("db", db).tag("kind", kind).register(registry).increment();
    }
}
