package io.cairn.tx.internal.local;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.failure.FailureMessages;
import io.cairn.core.failure.JdbcFailures;
import io.cairn.tx.CommitOutcomeUnknownException;
import io.cairn.tx.TxOptions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * The wording of every transaction failure: one line naming the database, what happened and what
 * to do; the driver's exception kept as the cause; no secret (the core wording redacts them).
 */
final class TxErrors {
    private final DatabaseConfig config;
    private final TxDialect dialect;
    private final TxOptions options;
    private final JdbcFailures failures;

    TxErrors(DatabaseConfig config, TxDialect dialect, TxOptions options) {
        this.config = config;
        this.dialect = dialect;
        this.options = options;
        this.failures = JdbcFailures.of(config);
    }

    String prefix() {
        return "database '" + config.id() + "': ";
    }

    /** A statement failed; a retryable failure says so, a time limit names the option to raise. */
    CairnException statement(SQLException failure) {
        String server = FailureMessages.firstLine(failures.serverMessage(failure));
        Optional<TxDialect.Retryable> retryable = dialect.retryable(failure, options);
        if (retryable.isPresent()) {
            return new CairnException(ErrorCode.DATABASE_ERROR, prefix() + retryable.get().reason() + ": " + server
                    + " (the transaction is rolled back and run again while retries remain)", failure);
        }
        Optional<String> timeout = dialect.timeout(failure);
        if (timeout.isPresent()) {
            String option = timeout.get().equals("lock timeout") ? "lockTimeout" : "statementTimeout";
            String limit = (option.equals("lockTimeout") ? options.lockTimeout() : options.statementTimeout())
                    .map(d -> " of " + FailureMessages.format(d)).orElse("");
            return new CairnException(ErrorCode.DATABASE_ERROR, prefix() + "the " + timeout.get() + limit + " passed: "
                    + server + " (raise TxOptions." + option + " or the transaction timeout, or shorten the work)", failure);
        }
        return failures.running(failure).toException(1);
    }

    /** The whole transaction ran out of time (TxOptions.timeout). */
    CairnException timedOut(Duration timeout, int attempts) {
        return new CairnException(ErrorCode.DATABASE_ERROR, prefix() + "the transaction timeout of "
                + FailureMessages.format(timeout) + " passed" + (attempts > 1 ? " during attempt " + attempts : "")
                + "; it was rolled back (raise TxOptions.timeout or shorten the work)");
    }

    /** Retries exhausted: by count or by the transaction timeout. */
    CairnException gaveUp(String reason, int attempts, boolean deadlineReached, Throwable last) {
        String limit = deadlineReached
                ? "the transaction timeout of " + options.timeout().map(FailureMessages::format).orElse("?")
                        + " left no time for another attempt"
                : "TxOptions.retries is " + options.retries();
        return new CairnException(ErrorCode.DATABASE_ERROR, prefix() + "gave up after " + attempts + " attempt"
                + (attempts == 1 ? "" : "s") + ", the last one failed with a " + reason + "; " + limit
                + " (make conflicting transactions shorter or touch rows in one order, or raise retries)", last);
    }

    /** The body threw a checked exception: it is kept as the cause. */
    CairnException bodyFailed(Exception failure) {
        return new CairnException(ErrorCode.PRECONDITION, prefix() + "the transaction's work threw "
                + failure.getClass().getSimpleName() + ": " + failure.getMessage() + "; the transaction was rolled back",
                failure);
    }

    /** The body caught a retryable failure and returned normally: the transaction cannot commit. */
    CairnException swallowed(String reason) {
        return new CairnException(ErrorCode.DATABASE_ERROR, prefix() + "the transaction's work caught a " + reason
                + " and went on, but the transaction cannot commit after it (let the exception propagate)");
    }

    /** The connection died during COMMIT and the server rolled the transaction back. */
    CairnException commitLostAborted(String how, SQLException cause) {
        return new CairnException(ErrorCode.CONNECTION_FAILED, prefix() + "the connection to " + config.url().address()
                + " was lost during COMMIT and the transaction was rolled back (" + how + "); nothing was applied", cause);
    }

    /** The connection died during COMMIT and nobody can tell whether it committed. */
    CommitOutcomeUnknownException commitUnknown(CommitMarker marker, String how, SQLException cause) {
        String id = marker.transactionId().map(txid -> "transaction " + txid).orElse("the transaction");
        String check = marker.transactionId()
                .map(txid -> "check with SELECT txid_status(" + txid + ") on database '" + config.id() + "'")
                .orElse("check whether its changes are there (e.g. by a key the work writes)");
        return new CommitOutcomeUnknownException(config.id(), marker.transactionId(), prefix()
                + "COMMIT_OUTCOME_UNKNOWN: the connection to " + config.url().address() + " was lost during COMMIT and "
                + "whether " + id + " committed is unknown (" + how + "); Cairn did not run it again, so it applied "
                + "at most once: " + check + " before running the work again", cause);
    }
}
