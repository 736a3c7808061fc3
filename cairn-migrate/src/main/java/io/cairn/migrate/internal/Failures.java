package io.cairn.migrate.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.sql.SQLException;

/** One-line messages for a failing statement: database, file:line, the database's own words, the way out. */
public final class Failures {
    private Failures() {
    }

    public static CairnException statement(String db, Execution execution, Step step, Throwable cause, String outcome) {
        String where = execution.migration().script() + (step.statement().line() > 0 ? ":" + step.statement().line() : "");
        return new CairnException(ErrorCode.DATABASE_ERROR, "database '" + db + "': " + where + ": " + reason(cause)
                + " (" + outcome + ")", cause);
    }

    /** A wait or lease for people: 300ms, 10s, 10min. */
    public static String format(java.time.Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "min";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /** The database's message on one line, without Cairn's own prefix when the cause is a CairnException. */
    public static String reason(Throwable cause) {
        String message = cause.getMessage();
        if (cause instanceof CairnException) {
            message = message.replaceFirst("^database '[^']*': ", "");
        }
        if (message == null || message.isBlank()) {
            message = cause.getClass().getSimpleName();
        }
        if (cause instanceof SQLException sql && sql.getSQLState() != null && !message.contains(sql.getSQLState())) {
            message = message + " [SQLState " + sql.getSQLState() + "]";
        }
        return message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
