package io.cairn.tx.internal.local;

import io.cairn.core.DataManager;
import io.cairn.core.Sleeper;
import io.cairn.tx.TxOptions;
import io.cairn.tx.TxWork;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/** Runs local transactions: isolation, savepoints, classified retry, commit-outcome resolution, hooks. */
public final class LocalTransactions {
    private final DataManager databases;
    private final Clock clock;
    private final Sleeper sleeper;
    private final MeterRegistry meterRegistry;

    public LocalTransactions(DataManager databases, Clock clock, Sleeper sleeper, MeterRegistry meterRegistry) {
        this.databases = databases;
        this.clock = clock;
        this.sleeper = sleeper;
        this.meterRegistry = meterRegistry;
    }

    public <T> T run(String db, TxOptions options, TxWork<T> work) {
        throw new UnsupportedOperationException("local transactions: not built yet");
    }
}
