package io.cairn.dump.mariadb.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.dump.internal.ChildProcess;
import io.cairn.dump.internal.ToolFailure;

/**
 * Turns a failed mariadb-dump / mariadb run into
 * one clear CairnException. Only the tool's stderr wording is classified here; the prefix and redaction come
 * from {@link ToolFailure}.
 */
record MariaDbFailures(DatabaseConfig config) {

    CairnException failed(ChildProcess process, int exitCode, String doing) {
        ToolFailure tool = ToolFailure.of(config, process, doing);
        String line = tool.line();
        String lower = tool.lower();
        String prefix = tool.prefix();
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
