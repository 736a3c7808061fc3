package io.cairn.core.failure;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import java.util.Optional;

/**
 * Classifies MongoDB driver failures. Only "no server could be selected" and "socket could not
 * be opened" are transient: nothing was sent. Refused credentials (MongoSecurityException, or
 * server code 18), missing privileges (code 13), a lost connection and command errors never are.
 * Shared by the DataManager, dumps and migrations, so one failure reads the same everywhere.
 */
public final class MongoFailures {
    private static final int UNAUTHORIZED = 13;
    private static final int AUTHENTICATION_FAILED = 18;

    private final DatabaseConfig config;
    private final FailureMessages messages;

    private MongoFailures(FailureMessages messages) {
        this.config = messages.config();
        this.messages = messages;
    }

    /** A classifier worded by {@code messages}: {@code of(FailureMessages.of(config).during("dumping orders"))}. */
    public static MongoFailures of(FailureMessages messages) {
        return new MongoFailures(messages);
    }

    /** A classifier for a caller that does not know the configuration file's name. */
    public static MongoFailures of(DatabaseConfig config) {
        return of(FailureMessages.of(config));
    }

    /** The MongoException anywhere in the cause chain, classified; empty if there is none. */
    public Optional<Failure> find(Throwable failure) {
        MongoException mongo = Causes.find(failure, MongoException.class);
        return mongo == null ? Optional.empty() : Optional.of(classify(mongo));
    }

    /**
     * Classifies a failure of a driver call. A RuntimeException that is not the driver's (a bug
     * in the caller, a bad argument) is rethrown as it is rather than dressed as a database error.
     */
    public Failure classify(Exception failure) {
        if (Causes.find(failure, MongoSecurityException.class) != null) {
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
                    + FailureMessages.format(config.queryTimeout()) + " (raise query-timeout for slow commands)", failure);
        }
        if (failure instanceof MongoSocketException) {
            return Failure.permanent(ErrorCode.CONNECTION_FAILED, messages.prefix() + "lost the connection to "
                    + config.url().address() + ": " + messages.networkReason(failure)
                    + " (it may or may not have taken effect; is the server running?)", failure);
        }
        if (failure instanceof MongoCommandException command) {
            return command(command);
        }
        if (failure instanceof MongoWriteException write) {
            return Failure.permanent(ErrorCode.DATABASE_ERROR, messages.databaseError(write.getError().getMessage(),
                    "code " + write.getError().getCode()), failure);
        }
        if (failure instanceof RuntimeException && !(failure instanceof MongoException)) {
            throw (RuntimeException) failure;
        }
        return Failure.permanent(ErrorCode.DATABASE_ERROR, messages.databaseError(String.valueOf(failure.getMessage()), ""),
                failure);
    }

    private Failure command(MongoCommandException command) {
        if (command.getErrorCode() == AUTHENTICATION_FAILED) {
            return Failure.permanent(ErrorCode.AUTHENTICATION_FAILED, messages.authenticationFailed(), command);
        }
        if (command.getErrorCode() == UNAUTHORIZED) {
            return Failure.permanent(ErrorCode.PERMISSION_DENIED, messages.prefix()
                    + messages.redact(FailureMessages.firstLine(command.getErrorMessage()))
                    + " (grant the user in url: the roles this needs: read to dump, readWrite to load or migrate)", command);
        }
        return Failure.permanent(ErrorCode.DATABASE_ERROR, messages.databaseError(command.getErrorMessage(),
                command.getErrorCodeName().isEmpty() ? "code " + command.getErrorCode() : command.getErrorCodeName()),
                command);
    }
}
