package io.cairn.events;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;

/**
 * An append lost an optimistic-concurrency race: the stream is not at the version it expected.
 * Reload the stream (or the aggregate) and decide again.
 */
public final class WrongExpectedVersionException extends CairnException {
    private static final long serialVersionUID = 1L;
    private final String stream;
    private final ExpectedVersion expected;

    public WrongExpectedVersionException(String db, String stream, ExpectedVersion expected) {
        super(ErrorCode.PRECONDITION, "database '" + db + "': stream '" + stream + "' is not at " + expected
                + " (another writer appended first); reload it and decide again");
        this.stream = stream;
        this.expected = expected;
    }

    public String stream() {
        return stream;
    }

    public ExpectedVersion expected() {
        return expected;
    }
}
