package io.cairn.dump.postgres.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.dump.internal.ChildProcess;
import io.cairn.dump.internal.ToolFailure;

/**
 * Turns a failed pg_dump / pg_restore / psql run into
 * one clear CairnException. Only the tool's stderr wording is classified here; the prefix and redaction come
 * from {@link ToolFailure}.
 */
record PostgresFailures(DatabaseConfig config) {

    CairnException failed(ChildProcess process, int exitCode, String doing) {
        ToolFailure tool = ToolFailure.of(config, process, doing);
        String line = tool.line();
        String lower = tool.lower();
        String prefix = tool.prefix();
        if (exitCode > 128 || exitCode < 0) {
            return new CairnException(ErrorCode.DATABASE_ERROR, prefix + process.name() + " was killed (signal "
                    + (exitCode > 128 ? exitCode - 128 : -exitCode) + ")" + (line.startsWith("(") ? "" : "; last message: " + line));
        }
        if (lower.contains("password authentication failed") || lower.contains("no password supplied")
                || lower.contains("authentication failed")) {
            return new CairnException(ErrorCode.AUTHENTICATION_FAILED, prefix + "the server refused the password for user '"
                    + config.user().orElse("(default)") + "' (check password: of '" + config.id() + "' in the configuration)");
        }
        if (lower.contains("permission denied") || lower.contains("must be owner") || lower.contains("must be superuser")) {
            return new CairnException(ErrorCode.PERMISSION_DENIED, prefix + line
                    + " (the user in url: needs read access to every dumped object, or pass --table to dump less)");
        }
        if (lower.contains("could not connect") || lower.contains("connection refused") || lower.contains("connection to server")
                || lower.contains("server closed the connection") || lower.contains("terminating connection")
                || lower.contains("timeout expired")) {
            return new CairnException(ErrorCode.CONNECTION_FAILED, prefix + line + " (is the server at "
                    + config.url().address() + " running?)");
        }
        if (lower.contains("no matching tables") || lower.contains("no matching schemas")) {
            return new CairnException(ErrorCode.NOT_FOUND, prefix + line + " (check the --table names)");
        }
        if (lower.contains("server version mismatch") || lower.contains("unsupported version")) {
            return new CairnException(ErrorCode.MISSING_DEPENDENCY, prefix + line);
        }
        return new CairnException(ErrorCode.DATABASE_ERROR, prefix + line + " (exit code " + exitCode + ")");
    }
}
