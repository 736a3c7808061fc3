package io.cairn.tx;

import io.cairn.core.DataManager;
import io.cairn.core.Sleeper;
import io.cairn.tx.internal.local.LocalTransactions;
import io.cairn.tx.internal.outbox.Outboxes;
import io.cairn.tx.internal.xa.TwoPhaseCommit;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Transactions on the configured SQL databases: local ones with an isolation level, savepoints,
 * classified retries and after-commit hooks, and distributed ones committed with two-phase commit
 * across PostgreSQL and MariaDB, with a durable coordinator log and recovery. Obtain it from
 * {@code Cairn.transactions()}. Thread-safe.
 *
 * <pre>{@code
 * Order o = tx.inTransaction("main", TxOptions.serializable().retries(5), t -> {
 *     t.execute("UPDATE stock SET n = n - ? WHERE sku = ?", 1, "A-1");
 *     t.savepoint(s -> s.execute("INSERT INTO audit (sku) VALUES (?)", "A-1"));
 *     return t.queryOne("SELECT id, total FROM orders WHERE id = ?", Order.class, 42);
 * });
 * tx.distributed(List.of("main", "legacy"), d -> {
 *     d.on("main").execute("UPDATE accounts SET balance = balance - 10 WHERE id = 1");
 *     d.on("legacy").execute("UPDATE ledger SET credit = credit + 10 WHERE id = 1");
 * });
 * }</pre>
 */
public final class Transactions implements AutoCloseable {
    private final LocalTransactions local;
    private final TwoPhaseCommit twoPhase;
    private final Outboxes outboxes;

    private Transactions(LocalTransactions local, TwoPhaseCommit twoPhase, Outboxes outboxes) {
        this.local = local;
        this.twoPhase = twoPhase;
        this.outboxes = outboxes;
    }

    /** For the facade: transactions over {@code databases} with the {@code transactions:} settings. */
    public static Transactions open(DataManager databases, TxSettings settings, Clock clock, Sleeper sleeper,
            MeterRegistry meterRegistry) {
        return open(databases, settings, OutboxSettings.defaults(), clock, sleeper, meterRegistry);
    }

    /** For the facade: as above, with the {@code transactions.outbox:} settings. */
    public static Transactions open(DataManager databases, TxSettings settings, OutboxSettings outbox, Clock clock,
            Sleeper sleeper, MeterRegistry meterRegistry) {
        Outboxes outboxes = new Outboxes(databases, outbox, clock, meterRegistry);
        LocalTransactions local = new LocalTransactions(databases, clock, sleeper, meterRegistry, outboxes);
        return new Transactions(local, new TwoPhaseCommit(databases, settings, clock, sleeper, meterRegistry), outboxes);
    }

    /** Runs {@code work} in one transaction on {@code db} with {@link TxOptions#defaults()}. */
    public <T> T inTransaction(String db, TxWork<T> work) {
        return inTransaction(db, TxOptions.defaults(), work);
    }

    /**
     * Runs {@code work} in one transaction on {@code db} and commits it; a serialization failure or
     * deadlock re-runs it up to {@code options.retries()} times. A connection lost during COMMIT is
     * resolved, never blindly retried.
     */
    public <T> T inTransaction(String db, TxOptions options, TxWork<T> work) {
        return local.run(db, options, work);
    }

    /**
     * The transactional outbox of SQL database {@code db}: messages written with {@link Tx#outbox}
     * and the dispatchers that deliver them after commit (for Redis, MongoDB and other systems that
     * cannot take part in two-phase commit).
     */
    public Outbox outbox(String db) {
        return outboxes.outbox(db);
    }

    /** Runs {@code work} across {@code dbs} and commits all branches or none (two-phase commit). */
    public DistributedResult distributed(List<String> dbs, DistributedWork work) {
        return distributed(dbs, TxOptions.defaults(), work);
    }

    /** As {@link #distributed(List, DistributedWork)}, with options for every branch. */
    public DistributedResult distributed(List<String> dbs, TxOptions options, DistributedWork work) {
        return twoPhase.run(dbs, options, work);
    }

    /**
     * Every prepared branch of this coordinator on every SQL database, with what the coordinator log
     * says about it ({@code cairn tx in-doubt}). Reads the log without locking it, so it works while
     * the agent holds it.
     */
    public InDoubtReport inDoubt() {
        return twoPhase.inDoubt();
    }

    /**
     * Resolves every in-doubt branch now ({@code cairn tx recover}): a logged commit decision is
     * committed, everything else rolled back (presumed abort); heuristic cases are reported, never
     * guessed. With {@code dryRun} nothing changes. Fails with LOCKED while another process (the
     * agent) holds the coordinator log: it recovers on its own schedule.
     */
    public RecoveryResult recover(boolean dryRun) {
        return twoPhase.recover(dryRun);
    }

    /**
     * An operator's decision for one global transaction ({@code cairn tx resolve GID --commit|--rollback}),
     * recorded in the coordinator log before it is carried out on every participant.
     */
    public RecoveryResult resolve(String gid, boolean commit) {
        return twoPhase.resolve(gid, commit);
    }

    /** Starts background recovery now (the agent does at start) instead of at the first distributed transaction. */
    public void startRecovery() {
        twoPhase.startRecovery();
    }

    /** The in-doubt report of the last background recovery run, once one ran (for the agent's alerts). */
    public Optional<InDoubtReport> lastRecoveryReport() {
        return twoPhase.lastReport();
    }

    /** Stops the outbox dispatchers and background recovery, and closes the coordinator log. */
    @Override
    public void close() {
        outboxes.close();
        twoPhase.close();
    }
}
