package io.cairn.core.internal.mongodb;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.internal.Failure;
import io.cairn.core.internal.Messages;

/**
 * Classifies MongoDB driver failures. Only "no server could be selected" and "socket could not
 * be opened" are transient: nothing was sent. Refused credentials and command errors never are.
 */
final class MongoFailures {
    private final DatabaseConfig config;
    private final Messages messages;

    MongoFailures(DatabaseConfig config, Messages messages) {
        this.config = config;
        this.messages = messages;
    }

    Failure classify(Exception failure) {
        MongoSecurityException security = find(failure, MongoSecurityException.class);
        if (security != null) {
            return Failure.permanent(ErrorCode.AUTHENTICATION_FAILED, messages.authenticationFailed(), failure);
        }
        if (failure instanceof MongoTimeoutException || failure instanceof MongoSocketOpenException) {
            String text = String.valueOf(failure.getMessage());
            if (text.contains("MongoSecurityException") || text.contains("Authentication failed")) {
                return Failure.permanent(ErrorCode.AUTHENTICATION_FAILED, messages.authenticationFailed(), failure);
            }
            String reason = text.contains("Connection refused") ? "connection refused" : messages.networkReason(failure);
            return new Failure(ErrorCode.CONNECTION_FAILED, true,
                    attempts -> messages.connectionFailed(reason, attempts), failure);
        }
        if (failure instanceof MongoSocketReadTimeoutException) {
            return Failure.permanent(ErrorCode.CONNECTION_FAILED, messages.prefix() + "no answer within query-timeout "
                    + Messages.format(config.queryTimeout()) + " (raise query-timeout for slow commands)", failure);
        }
        if (failure instanceof MongoCommandException) {
            MongoCommandException command = (MongoCommandException) failure;
            return Failure.permanent(ErrorCode.DATABASE_ERROR, messages.databaseError(command.getErrorMessage(),
                    command.getErrorCodeName().isEmpty() ? "code " + command.getErrorCode() : command.getErrorCodeName()),
                    failure);
        }
        if (failure instanceof MongoWriteException) {
            MongoWriteException write = (MongoWriteException) failure;
            return Failure.permanent(ErrorCode.DATABASE_ERROR, messages.databaseError(write.getError().getMessage(),
                    "code " + write.getError().getCode()), failure);
        }
        if (failure instanceof RuntimeException && !(failure instanceof com.mongodb.MongoException)) {
            throw (RuntimeException) failure;
        }
        return Failure.permanent(ErrorCode.DATABASE_ERROR, messages.databaseError(String.valueOf(failure.getMessage()), ""),
                failure);
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
