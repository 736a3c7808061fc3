package io.cairn.core.failure;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.util.function.IntFunction;

/**
 * A classified driver failure: its error code, whether trying again may help (connection
 * refused or timed out before anything was sent), and the user message given the number of
 * attempts made. Classifiers ({@link JdbcFailures}, {@link RedisFailures}, {@link MongoFailures})
 * produce these; {@link io.cairn.core.retry.Retry} decides on {@link #transientFailure()}.
 */
public record Failure(ErrorCode code, boolean transientFailure, IntFunction<String> message, Throwable cause) {

    public static Failure permanent(ErrorCode code, String message, Throwable cause) {
        return new Failure(code, false, attempts -> message, cause);
    }

    /** The exception for a failure after one attempt. */
    public CairnException toException() {
        return toException(1);
    }

    public CairnException toException(int attempts) {
        return new CairnException(code, message.apply(attempts), cause);
    }
}
