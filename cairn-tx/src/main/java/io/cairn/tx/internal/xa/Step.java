package io.cairn.tx.internal.xa;

import java.sql.Connection;

/**
 * The points of a distributed transaction a test can stop at (kill -9 of the coordinator, a
 * terminated backend). Production code uses {@link #NONE}.
 */
public interface Step {
    Step NONE = (point, db, connection) -> { };

    enum Point {
        /** Every branch has run its statements; nothing is prepared. */
        BEFORE_PREPARE,
        /** The branch on {@code db} is prepared. */
        PREPARED,
        /** The commit decision is durable; nothing is committed. */
        DECIDED,
        /** About to commit the branch on {@code db} on {@code connection}. */
        BEFORE_COMMIT,
        /** The branch on {@code db} is committed. */
        COMMITTED,
        /** Every branch is committed; the log entry is not yet cleaned. */
        ALL_COMMITTED
    }

    /** Called at {@code point}; {@code db} and {@code connection} are null where no single branch is meant. */
    void at(Point point, String db, Connection connection);
}
