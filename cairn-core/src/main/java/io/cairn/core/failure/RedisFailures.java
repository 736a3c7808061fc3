package io.cairn.core.failure;

import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

/**
 * Classifies Lettuce failures: refused or timed-out connects are transient; a refused password
 * (WRONGPASS, NOAUTH, invalid password) never is; error replies are DATABASE_ERROR. Shared by
 * the DataManager and every module that talks to Redis through it.
 */
public final class RedisFailures {
    private final DatabaseConfig config;
    private final FailureMessages messages;

    private RedisFailures(FailureMessages messages) {
        this.config = messages.config();
        this.messages = messages;
    }

    /** A classifier worded by {@code messages}: {@code of(FailureMessages.of(config).during("dumping orders"))}. */
    public static RedisFailures of(FailureMessages messages) {
        return new RedisFailures(messages);
    }

    /** A classifier for a caller that does not know the configuration file's name. */
    public static RedisFailures of(DatabaseConfig config) {
        return of(FailureMessages.of(config));
    }

    /** A failure while connecting (nothing was sent yet). */
    public Failure connecting(Exception failure) {
        RedisCommandExecutionException reply = Causes.find(failure, RedisCommandExecutionException.class);
        if (reply != null && isAuthentication(reply.getMessage())) {
            return Failure.permanent(ErrorCode.AUTHENTICATION_FAILED, messages.authenticationFailed(), failure);
        }
        if (reply != null) {
            return Failure.permanent(ErrorCode.DATABASE_ERROR, messages.databaseError(reply.getMessage(),
                    "while connecting"), failure);
        }
        return new Failure(ErrorCode.CONNECTION_FAILED, failure instanceof RedisConnectionException,
                attempts -> messages.connectionFailed(reason(failure), attempts), failure);
    }

    /**
     * Lettuce times the handshake from the channel's registration with the same connect timeout
     * as the TCP connect, and closes the channel when it fires: a server that does not answer then
     * surfaces as a bare ClosedChannelException instead of a timeout. Both mean "no answer".
     */
    private String reason(Exception failure) {
        if (Causes.find(failure, ConnectException.class) == null && Causes.find(failure, ClosedChannelException.class) != null) {
            return messages.noAnswer();
        }
        return messages.networkReason(failure);
    }

    /** A failure while {@code command} ran: never retried, it may have had effects. */
    public Failure running(Exception failure, String command) {
        if (failure instanceof RedisCommandExecutionException) {
            String message = failure.getMessage();
            if (isAuthentication(message)) {
                return Failure.permanent(ErrorCode.AUTHENTICATION_FAILED, messages.authenticationFailed(), failure);
            }
            return Failure.permanent(ErrorCode.DATABASE_ERROR, messages.databaseError(message, "command " + command),
                    failure);
        }
        if (failure instanceof RedisCommandTimeoutException) {
            return Failure.permanent(ErrorCode.CONNECTION_FAILED, messages.prefix() + "command " + command
                    + " got no answer within query-timeout " + FailureMessages.format(config.queryTimeout())
                    + " (is the server overloaded? raise query-timeout for slow commands)", failure);
        }
        return Failure.permanent(ErrorCode.CONNECTION_FAILED, messages.prefix() + "lost the connection to "
                + config.url().address() + " during " + command + ": " + messages.networkReason(failure)
                + " (it may or may not have taken effect)", failure);
    }

    private static boolean isAuthentication(String message) {
        String upper = String.valueOf(message).toUpperCase(Locale.ROOT);
        return upper.startsWith("WRONGPASS") || upper.startsWith("NOAUTH") || upper.contains("INVALID PASSWORD")
                || upper.contains("AUTH <PASSWORD> CALLED WITHOUT");
    }
}
