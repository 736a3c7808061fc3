package io.cairn.core.failure;

import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseType;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.regex.Pattern;

/**
 * Classifies JDBC failures of PostgreSQL (pgjdbc) and MariaDB/MySQL (Connector/J) by SQLState
 * and vendor code. Only failures to obtain a connection that look like the network and ended
 * quickly (refused, SQLState class 08, a server starting up or shutting down) are transient; a
 * connect that got no answer within connect-timeout is not (it already waited its bound); refused
 * credentials, missing databases and statement errors never are. Shared by the DataManager, the
 * backup's dedicated connections and every other module, so one failure reads the same
 * everywhere.
 */
public final class JdbcFailures {
    private static final int MARIADB_ACCESS_DENIED = 1045;
    private static final int MARIADB_UNKNOWN_DATABASE = 1049;
    /** HikariCP's timeout message counts the pool's connections: "(total=0, active=0, ...)". */
    private static final Pattern EMPTY_POOL = Pattern.compile("\\(total=0\\b");

    private final DatabaseConfig config;
    private final FailureMessages messages;
    private final boolean postgres;

    private JdbcFailures(FailureMessages messages) {
        this.config = messages.config();
        this.messages = messages;
        this.postgres = config.type() == DatabaseType.POSTGRESQL;
    }

    /** A classifier worded by {@code messages}: {@code of(FailureMessages.of(config).during("dumping orders"))}. */
    public static JdbcFailures of(FailureMessages messages) {
        return new JdbcFailures(messages);
    }

    /** A classifier for a caller that does not know the configuration file's name. */
    public static JdbcFailures of(DatabaseConfig config) {
        return of(FailureMessages.of(config));
    }

    /** A failure while opening or borrowing a connection (nothing was sent yet). */
    public Failure connecting(Exception failure) {
        SQLException server = deepestWithState(failure);
        if (server != null) {
            if (isPasswordFailure(server)) {
                return Failure.permanent(ErrorCode.AUTHENTICATION_FAILED, messages.authenticationFailed(), failure);
            }
            if (server.getSQLState().startsWith("28")) {
                return Failure.permanent(ErrorCode.AUTHENTICATION_FAILED,
                        messages.loginRefused(FailureMessages.firstLine(serverMessage(server))), failure);
            }
            if (isUnknownDatabase(server)) {
                return Failure.permanent(ErrorCode.NOT_FOUND, messages.prefix()
                        + messages.redact(FailureMessages.firstLine(serverMessage(server)))
                        + " (create it, or fix the database name in url:)", failure);
            }
        }
        if (server != null && isServerGoingAway(server.getSQLState())) {
            // "the database system is starting up / shutting down": nothing ran, try again
            return new Failure(ErrorCode.CONNECTION_FAILED, true, attempts -> messages.connectionFailed(
                    messages.redact(FailureMessages.firstLine(serverMessage(server))), attempts), failure);
        }
        if (isPoolClosed(failure)) {
            return Failure.permanent(ErrorCode.PRECONDITION, messages.prefix() + "the connection pool is closed "
                    + "(the DataManager was closed; open a new one)", failure);
        }
        if (failure instanceof SQLTransientConnectionException && failure.getCause() == null) {
            return poolTimeout((SQLTransientConnectionException) failure);
        }
        // a connect that found no answer within connect-timeout already waited its bound: not again
        boolean retryable = !hasCause(failure, UnknownHostException.class) && !FailureMessages.isNoAnswer(failure);
        return new Failure(ErrorCode.CONNECTION_FAILED, retryable,
                attempts -> messages.connectionFailed(messages.networkReason(failure), attempts), failure);
    }

    /**
     * HikariCP's wait for a connection ran out with no connect failure to blame. With connections
     * in the pool, all were busy: exhaustion. With none ("total=0" in HikariCP's message), a
     * connect was still under way: the server did not answer in time, which reads like any other
     * connect failure.
     */
    private Failure poolTimeout(SQLTransientConnectionException failure) {
        if (EMPTY_POOL.matcher(String.valueOf(failure.getMessage())).find()) {
            return Failure.permanent(ErrorCode.CONNECTION_FAILED, messages.connectionFailed("no answer within "
                    + FailureMessages.format(config.pool().connectionTimeout()), 1), failure);
        }
        return Failure.permanent(ErrorCode.CONNECTION_FAILED, messages.prefix() + "no free connection within "
                + FailureMessages.format(config.pool().connectionTimeout()) + ": all " + config.pool().max()
                + " pooled connections are in use (raise pool.max or hold connections for less time)", failure);
    }

    /** A failure while a statement ran: never retried, it may have had effects. */
    public Failure running(SQLException failure) {
        String state = failure.getSQLState() == null ? "" : failure.getSQLState();
        if (failure instanceof SQLTimeoutException || state.equals("57014") || state.equals("70100")) {
            return Failure.permanent(ErrorCode.DATABASE_ERROR, messages.prefix() + "the statement was cancelled after "
                    + "query-timeout " + FailureMessages.format(config.queryTimeout())
                    + " (raise query-timeout or make it faster)", failure);
        }
        if (state.startsWith("08") || isServerGoingAway(state)) {
            return Failure.permanent(ErrorCode.CONNECTION_FAILED, messages.prefix() + "lost the connection to "
                    + config.url().address() + " while running a statement: "
                    + messages.redact(FailureMessages.firstLine(serverMessage(failure)))
                    + " (it may or may not have taken effect)", failure);
        }
        return Failure.permanent(ErrorCode.DATABASE_ERROR, messages.databaseError(serverMessage(failure),
                state.isEmpty() ? "" : "SQLState " + state), failure);
    }

    /** The server rejected the password (or wanted one and got none). */
    public boolean isPasswordFailure(SQLException failure) {
        if (!postgres) {
            return failure.getErrorCode() == MARIADB_ACCESS_DENIED;
        }
        String state = failure.getSQLState();
        // 28P01: wrong password; 08004 with "password": the server wanted one and none was configured
        return "28P01".equals(state) || ("08004".equals(state) && String.valueOf(failure.getMessage()).contains("password"));
    }

    /** The database named in the URL does not exist on the server. */
    public boolean isUnknownDatabase(SQLException failure) {
        return postgres ? "3D000".equals(failure.getSQLState()) : failure.getErrorCode() == MARIADB_UNKNOWN_DATABASE;
    }

    /** The server's own words, without driver decoration such as "FATAL: " or "(conn=12) ". */
    public String serverMessage(SQLException failure) {
        String message = String.valueOf(failure.getMessage());
        if (postgres) {
            return message.startsWith("FATAL: ") ? message.substring("FATAL: ".length()) : message;
        }
        return message.replaceFirst("^\\(conn=\\d+\\)\\s*", "");
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

    static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        return Causes.find(failure, type) != null;
    }
}
