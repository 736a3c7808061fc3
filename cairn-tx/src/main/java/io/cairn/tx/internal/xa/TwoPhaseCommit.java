package io.cairn.tx.internal.xa;

import io.cairn.core.DataManager;
import io.cairn.core.Sleeper;
import io.cairn.tx.DistributedResult;
import io.cairn.tx.DistributedWork;
import io.cairn.tx.TxOptions;
import io.cairn.tx.TxSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;

/** The two-phase commit coordinator: durable log, prepare/commit across participants, recovery. */
public final class TwoPhaseCommit implements AutoCloseable {
    private final DataManager databases;
    private final TxSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private final MeterRegistry meterRegistry;

    public TwoPhaseCommit(DataManager databases, TxSettings settings, Clock clock, Sleeper sleeper,
            MeterRegistry meterRegistry) {
        this.databases = databases;
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
        this.meterRegistry = meterRegistry;
    }

    public DistributedResult run(List<String> dbs, TxOptions options, DistributedWork work) {
        throw new UnsupportedOperationException("two-phase commit: not built yet");
    }

    @Override
    public void close() {
    }
}
