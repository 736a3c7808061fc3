package io.cairn.dump.mariadb;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.failure.FailureMessages;
import io.cairn.dump.internal.ChildProcess;
import java.util.Locale;

/**
 * Turns a failed mariadb-dump / mariadb run into
 * one clear CairnException. Only the tool's stderr wording is classified here; the prefix and redaction are core's
 * {@link FailureMessages}.
 */
final class MariaDbFailures {
    private final DatabaseConfig config;

    MariaDbFailures(DatabaseConfig config) {
        this.config = config;
    }

    CairnException failed(ChildProcess process, int exitCode, String doing) {
        FailureMessages messages = new FailureMessages(config, FailureMessages.UNKNOWN_SOURCE).during(doing);
        String line = messages.redact(process.errorLine());
        String lower = process.stderr().toLowerCase(Locale.ROOT);
        String prefix = messages.prefix();
        if (exitCode > 128) {
            return new CairnException(ErrorCode.DATABASE_ERROR, prefix + process.name() + " was killed (signal "
                    + (exitCode - 128) + ")");
        }
        if (lower.contains("1045") || lower.contains("access denied for user")) {
            return new CairnException(ErrorCode.AUTHENTICATION_FAILED, prefix + "the server refused the password for user '"
                    + config.user().orElse("(default)") + "' (check password: of '" + config.id() + "' in the configuration)");
        }
        if (lower.contains("access denied") || lower.contains("command denied")) {
            return new CairnException(ErrorCode.PERMISSION_DENIED, prefix + line + " (grant the user in url: "
                    + "SELECT, SHOW VIEW, TRIGGER, EVENT and LOCK TABLES, or dump less with --table)");
        }
        if (lower.contains("can't connect") || lower.contains("lost connection") || lower.contains("gone away")) {
            return new CairnException(ErrorCode.CONNECTION_FAILED, prefix + line + " (is the server at "
                    + config.url().address() + " running?)");
        }
        if (lower.contains("unknown database") || lower.contains("couldn't find table") || lower.contains("doesn't exist")) {
            return new CairnException(ErrorCode.NOT_FOUND, prefix + line);
        }
        return new CairnException(ErrorCode.DATABASE_ERROR, prefix + line + " (exit code " + exitCode + ")");
    }
}
