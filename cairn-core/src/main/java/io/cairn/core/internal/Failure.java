package io.cairn.core.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.util.function.IntFunction;

/**
 * A classified driver failure: its error code, whether trying again may help (connection
 * refused or timed out before anything was sent), and the user message given the number of
 * attempts made.
 */
public record Failure(ErrorCode code, boolean transientFailure, IntFunction<String> message, Throwable cause) {

    public static Failure permanent(ErrorCode code, String message, Throwable cause) {
        return new Failure(code, false, attempts -> message, cause);
    }

    public CairnException toException(int attempts) {
        return new CairnException(code, message.apply(attempts), cause);
    }
}
