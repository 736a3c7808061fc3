package io.cairn.tx.internal.local;

import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.Sleeper;
import io.cairn.core.SqlDatabase;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseType;
import io.cairn.core.retry.Retry;
import io.cairn.tx.TxOptions;
import io.cairn.tx.TxWork;
import io.cairn.tx.internal.outbox.Outboxes;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs local transactions: each attempt on a pooled connection ({@link TxAttempt}), retryable
 * failures re-run through core's {@link Retry} with the options' backoff on the injected clock and
 * sleeper, bounded by the retries and the transaction timeout; then the hooks.
 *
 * <p>Hooks run on the caller's thread after the connection is back in the pool. A failing hook is
 * logged (naming the database) and counted in {@code cairn.tx.hook.failures}, and the other hooks
 * still run: the transaction committed, and reporting it as failed would invite the caller to run
 * it again.
 */
public final class LocalTransactions {
    private static final Logger LOG = LoggerFactory.getLogger(LocalTransactions.class);

    private final DataManager databases;
    private final Clock clock;
    private final Sleeper sleeper;
    private final TxMetrics metrics;
    private final Outboxes outboxes;

    public LocalTransactions(DataManager databases, Clock clock, Sleeper sleeper, MeterRegistry meterRegistry,
            Outboxes outboxes) {
        this.databases = databases;
        this.outboxes = outboxes;
        this.clock = clock;
        this.sleeper = sleeper;
        this.metrics = new TxMetrics(meterRegistry);
    }

    public <T> T run(String db, TxOptions options, TxWork<T> work) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(work, "work");
        DatabaseConfig config = databases.config().database(db);
        SqlDatabase database = databases.adapter(db).sql().orElseThrow(() -> new CairnException(ErrorCode.USAGE,
                "database '" + db + "' is a " + config.type() + " database; transactions need PostgreSQL or MariaDB/MySQL"
                        + " (for Redis or MongoDB write an outbox row in a SQL transaction)"));
        TxDialect dialect = dialect(config);
        TxErrors errors = new TxErrors(config, dialect, options);
        Optional<Instant> deadline = options.timeout().map(clock.instant()::plus);
        Retry.Builder policy = Retry.builder("database '" + db + "'").attempts(options.retries() + 1)
                .backoff(options.backoff()).clock(clock).sleeper(sleeper);
        options.timeout().ifPresent(policy::deadline);
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<Optional<TxDialect.Retryable>> lastRetryable = new AtomicReference<>(Optional.empty());
        TxAttempt<T> attempt = new TxAttempt<>(db, database, options, work, dialect, errors, clock, deadline,
                outboxes);
        TxAttempt.Committed<T> committed;
        try {
            committed = policy.build().run(() -> once(db, attempt, attempts, lastRetryable),
                    failure -> failure instanceof AttemptFailure a && a.retryable().isPresent());
        } catch (AttemptFailure e) {
            metrics.rolledBack(db);
            if (e.retryable().isEmpty()) {
                throw e.toThrow();
            }
            boolean deadlineReached = attempts.get() < options.retries() + 1;
            throw errors.gaveUp(e.retryable().get().reason(), attempts.get(), deadlineReached, e.getCause());
        }
        metrics.committed(db);
        runHooks(db, "after-commit", committed.afterCommit());
        return committed.result();
    }

    private <T> TxAttempt.Committed<T> once(String db, TxAttempt<T> attempt, AtomicInteger attempts,
            AtomicReference<Optional<TxDialect.Retryable>> lastRetryable) {
        if (attempts.incrementAndGet() > 1) {
            metrics.retried(db, lastRetryable.get().map(TxDialect.Retryable::reason).orElse("?"));
        }
        try {
            return databases.withConnection(db, attempt::run);
        } catch (AttemptFailure e) {
            lastRetryable.set(e.retryable());
            e.retryable().ifPresent(reason -> LOG.debug("database '{}': attempt {} rolled back: {}", db, attempts.get(),
                    reason.reason()));
            runHooks(db, "after-rollback", e.afterRollback());
            throw e;
        }
    }

    private void runHooks(String db, String kind, List<Runnable> hooks) {
        for (int i = 0; i < hooks.size(); i++) {
            try {
                hooks.get(i).run();
            } catch (RuntimeException e) {
                metrics.hookFailed(db, kind);
                LOG.warn("database '{}': {} hook {} of {} failed: {} (the transaction's outcome stands; the other hooks ran)",
                        db, kind, i + 1, hooks.size(), e.toString());
            }
        }
    }

    private TxDialect dialect(DatabaseConfig config) {
        if (config.type() == DatabaseType.POSTGRESQL) {
            return new PostgresTxDialect(config, clock, sleeper);
        }
        return new MariaDbTxDialect(config);
    }
}
