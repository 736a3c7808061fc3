package io.cairn.tx.internal.local;

import java.util.List;
import java.util.Optional;

/**
 * One attempt rolled back: what to report (or why a retry may help) and the after-rollback hooks
 * it registered, which run once the connection is back in the pool. Travels through
 * {@link io.cairn.core.retry.Retry}; never reaches a user.
 */
final class AttemptFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Optional<TxDialect.Retryable> retryable;
    private final transient List<Runnable> afterRollback;
    private final Throwable failure;

    AttemptFailure(Optional<TxDialect.Retryable> retryable, Throwable failure, List<Runnable> afterRollback) {
        super(failure.getMessage(), failure, false, false);
        this.retryable = retryable;
        this.failure = failure;
        this.afterRollback = List.copyOf(afterRollback);
    }

    Optional<TxDialect.Retryable> retryable() {
        return retryable;
    }

    List<Runnable> afterRollback() {
        return afterRollback;
    }

    /** The exception the user gets: the body's own, or a CairnException. */
    RuntimeException toThrow() {
        if (failure instanceof Error error) {
            throw error;
        }
        return (RuntimeException) failure;
    }
}
