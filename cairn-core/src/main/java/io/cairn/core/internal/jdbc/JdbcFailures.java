package io.cairn.core.internal.jdbc;

import io.cairn.core.ErrorCode;
import io.cairn.core.internal.Failure;
import io.cairn.core.internal.Messages;
import io.cairn.core.config.DatabaseConfig;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

/**
 * Classifies JDBC failures. Only failures to obtain a connection that look like the network
 * (refused, timed out, SQLState class 08) are transient; credentials, missing databases and
 * statement errors are never retried.
 */
final class JdbcFailures {
    private final DatabaseConfig config;
    private final Messages messages;
    private final JdbcDialect dialect;

    JdbcFailures(DatabaseConfig config, Messages messages, JdbcDialect dialect) {
        this.config = config;
        this.messages = messages;
        this.dialect = dialect;
    }

    /** A failure while opening or borrowing a connection (nothing was sent yet). */
    Failure connecting(Exception failure) {
        SQLException server = deepestWithState(failure);
        if (server != null) {
            if (dialect.isPasswordFailure(server)) {
                return Failure.permanent(ErrorCode.AUTHENTICATION_FAILED, messages.authenticationFailed(), failure);
            }
            if (server.getSQLState().startsWith("28")) {
                return Failure.permanent(ErrorCode.AUTHENTICATION_FAILED,
                        messages.loginRefused(Messages.firstLine(dialect.serverMessage(server))), failure);
            }
            if (dialect.isUnknownDatabase(server)) {
                return Failure.permanent(ErrorCode.NOT_FOUND, messages.prefix()
                        + messages.redact(Messages.firstLine(dialect.serverMessage(server)))
                        + " (create it, or fix the database name in url:)", failure);
            }
        }
        if (server != null && isServerGoingAway(server.getSQLState())) {
            // "the database system is starting up / shutting down": nothing ran, try again
            return new Failure(ErrorCode.CONNECTION_FAILED, true, attempts -> messages.connectionFailed(
                    messages.redact(Messages.firstLine(dialect.serverMessage(server))), attempts), failure);
        }
        if (isPoolClosed(failure)) {
            return Failure.permanent(ErrorCode.PRECONDITION, messages.prefix() + "the connection pool is closed "
                    + "(the DataManager was closed; open a new one)", failure);
        }
        if (failure instanceof SQLTransientConnectionException && failure.getCause() == null) {
            return Failure.permanent(ErrorCode.CONNECTION_FAILED, messages.prefix() + "no free connection within "
                    + Messages.format(config.pool().connectionTimeout()) + ": all " + config.pool().max()
                    + " pooled connections are in use (raise pool.max or hold connections for less time)", failure);
        }
        boolean unknownHost = hasCause(failure, UnknownHostException.class);
        return new Failure(ErrorCode.CONNECTION_FAILED, !unknownHost,
                attempts -> messages.connectionFailed(messages.networkReason(failure), attempts), failure);
    }

    /** A failure while a statement ran: never retried, it may have had effects. */
    Failure running(SQLException failure) {
        String state = failure.getSQLState() == null ? "" : failure.getSQLState();
        if (failure instanceof SQLTimeoutException || state.equals("57014") || state.equals("70100")) {
            return Failure.permanent(ErrorCode.DATABASE_ERROR, messages.prefix() + "the statement was cancelled after "
                    + "query-timeout " + Messages.format(config.queryTimeout()) + " (raise query-timeout or make it faster)",
                    failure);
        }
        if (state.startsWith("08") || isServerGoingAway(state)) {
            return Failure.permanent(ErrorCode.CONNECTION_FAILED, messages.prefix() + "lost the connection to "
                    + config.url().address() + " while running a statement: "
                    + messages.redact(Messages.firstLine(dialect.serverMessage(failure)))
                    + " (it may or may not have taken effect)", failure);
        }
        return Failure.permanent(ErrorCode.DATABASE_ERROR, messages.databaseError(dialect.serverMessage(failure),
                state.isEmpty() ? "" : "SQLState " + state), failure);
    }

    /** SQLState 57P01-57P03: the server was shut down, crashed, or cannot accept connections yet. */
    private static boolean isServerGoingAway(String state) {
        return state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
    }

    private static SQLException deepestWithState(Throwable failure) {
        SQLException found = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException && ((SQLException) t).getSQLState() != null) {
                found = (SQLException) t;
            }
        }
        return found;
    }

    private static boolean isPoolClosed(Throwable failure) {
        String message = failure.getMessage();
        return failure instanceof SQLException && message != null && message.contains("has been closed");
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
