package io.cairn.dump.mongodb.internal;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import java.util.Optional;

/** Turns driver failures during a dump or load into one clear CairnException naming the database. */
final class MongoFailures {
    private MongoFailures() {
    }

    /** The MongoException anywhere in the cause chain, as a CairnException; empty if there is none. */
    static Optional<CairnException> find(DatabaseConfig config, Throwable failure, String doing) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MongoException mongo) {
                return Optional.of(of(config, mongo, doing));
            }
        }
        return Optional.empty();
    }

    static CairnException of(DatabaseConfig config, MongoException e, String doing) {
        String prefix = "database '" + config.id() + "': " + doing + " failed: ";
        if (e instanceof MongoSecurityException) {
            return new CairnException(ErrorCode.AUTHENTICATION_FAILED, prefix + "the server refused the credentials of user '"
                    + config.user().orElse("(none)") + "' (check password: of '" + config.id() + "' and authSource)", e);
        }
        if (e instanceof MongoSocketException || e instanceof MongoTimeoutException) {
            return new CairnException(ErrorCode.CONNECTION_FAILED, prefix + "lost or could not open the connection to "
                    + config.url().address() + " (" + firstLine(e.getMessage()) + "); is the server running?", e);
        }
        if (e instanceof MongoCommandException command && (command.getErrorCode() == 13 || command.getErrorCode() == 18)) {
            ErrorCode code = command.getErrorCode() == 18 ? ErrorCode.AUTHENTICATION_FAILED : ErrorCode.PERMISSION_DENIED;
            return new CairnException(code, prefix + command.getErrorMessage() + " (the user needs the read role to dump, "
                    + "readWrite and createIndex/dropCollection to load)", e);
        }
        return new CairnException(ErrorCode.DATABASE_ERROR, prefix + firstLine(e.getMessage()), e);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
