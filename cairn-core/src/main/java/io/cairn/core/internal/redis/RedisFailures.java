package io.cairn.core.internal.redis;

import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.internal.Failure;
import io.cairn.core.internal.Messages;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import java.util.Locale;

/**
 * Classifies Lettuce failures: refused or timed-out connects are transient; a refused password
 * (WRONGPASS, NOAUTH, invalid password) never is; error replies are DATABASE_ERROR.
 */
final class RedisFailures {
    private final DatabaseConfig config;
    private final Messages messages;

    RedisFailures(DatabaseConfig config, Messages messages) {
        this.config = config;
        this.messages = messages;
    }

    Failure connecting(Exception failure) {
        RedisCommandExecutionException reply = find(failure, RedisCommandExecutionException.class);
        if (reply != null && isAuthentication(reply.getMessage())) {
            return Failure.permanent(ErrorCode.AUTHENTICATION_FAILED, messages.authenticationFailed(), failure);
        }
        if (reply != null) {
            return Failure.permanent(ErrorCode.DATABASE_ERROR, messages.databaseError(reply.getMessage(),
                    "while connecting"), failure);
        }
        return new Failure(ErrorCode.CONNECTION_FAILED, failure instanceof RedisConnectionException,
                attempts -> messages.connectionFailed(messages.networkReason(failure), attempts), failure);
    }

    Failure running(Exception failure, String command) {
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
                    + " got no answer within query-timeout " + Messages.format(config.queryTimeout())
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

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
