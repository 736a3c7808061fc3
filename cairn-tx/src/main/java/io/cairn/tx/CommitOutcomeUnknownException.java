package io.cairn.tx;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.util.Objects;
import java.util.Optional;

/**
 * The connection was lost while COMMIT was under way and Cairn could not find out whether the
 * transaction committed. Cairn never re-runs the body then, because that could apply the work
 * twice. The message names the database and, on PostgreSQL, the transaction id to look up:
 * {@code SELECT txid_status(<id>)}. Code {@link ErrorCode#CONNECTION_FAILED}.
 */
public final class CommitOutcomeUnknownException extends CairnException {
    private static final long serialVersionUID = 1L;

    private final String db;
    private final Long transactionId;

    public CommitOutcomeUnknownException(String db, Optional<Long> transactionId, String message, Throwable cause) {
        super(ErrorCode.CONNECTION_FAILED, message, cause);
        this.db = Objects.requireNonNull(db, "db");
        this.transactionId = transactionId.orElse(null);
    }

    /** The database the transaction ran on. */
    public String db() {
        return db;
    }

    /** PostgreSQL's transaction id (txid_current) of the transaction, when it had one. */
    public Optional<Long> transactionId() {
        return Optional.ofNullable(transactionId);
    }
}
