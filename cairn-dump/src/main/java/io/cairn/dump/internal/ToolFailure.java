package io.cairn.dump.internal;

import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.failure.FailureMessages;
import java.util.Locale;

/**
 * What the stderr classifiers of child tools (pg_dump, psql, mariadb-dump, ...) read: the tool's
 * last error line with the password masked, its whole stderr in lower case for matching, and
 * core's message prefix naming the database and what was being done. Only the matching of each
 * tool's wording stays with the tool's classifier.
 */
public record ToolFailure(String line, String lower, String prefix) {

    public static ToolFailure of(DatabaseConfig config, ChildProcess process, String doing) {
        FailureMessages messages = FailureMessages.of(config).during(doing);
        return new ToolFailure(messages.redact(process.errorLine()), process.stderr().toLowerCase(Locale.ROOT),
                messages.prefix());
    }
}
