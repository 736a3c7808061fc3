package io.cairn.dump.postgres.internal;

import io.cairn.core.config.DatabaseConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a libpq tool reaches a configured database: host, port, user and database name as
 * arguments (they are not secret and show up in logs and the manifest), the password only as
 * PGPASSWORD in the child's environment, never on its command line, where any local user could
 * read it in the process list.
 */
final class PostgresConnection {
    /** libpq settings that may come from the URL's query string, passed on as PG* variables. */
    private static final Map<String, String> URL_PARAMETERS = Map.of(
            "sslmode", "PGSSLMODE", "sslrootcert", "PGSSLROOTCERT", "sslcert", "PGSSLCERT", "sslkey", "PGSSLKEY",
            "target_session_attrs", "PGTARGETSESSIONATTRS");

    private final DatabaseConfig config;

    PostgresConnection(DatabaseConfig config) {
        this.config = config;
    }

    /** The database name of the URL, if it names one. */
    Optional<String> database() {
        return config.url().database();
    }

    /** {@code --host … --port … [--username …] [--dbname …] --no-password}. */
    List<String> arguments(Optional<String> databaseName) {
        List<String> args = new ArrayList<>(List.of("--host", config.url().host(), "--port",
                Integer.toString(config.url().port())));
        config.user().ifPresent(user -> args.addAll(List.of("--username", user)));
        databaseName.ifPresent(name -> args.add("--dbname=" + name));
        args.add("--no-password");
        return args;
    }

    /** The child's environment additions: password, timeouts, SSL settings, stable English messages. */
    Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        config.password().ifPresent(secret -> environment.put("PGPASSWORD", secret.reveal()));
        long seconds = Math.max(2, config.connectTimeout().toSeconds());
        environment.put("PGCONNECT_TIMEOUT", Long.toString(seconds));
        environment.put("PGAPPNAME", "cairn-dump");
        environment.put("LC_MESSAGES", "C");
        environment.put("LANGUAGE", null);
        URL_PARAMETERS.forEach((parameter, variable) -> {
            String value = config.url().parameters().get(parameter);
            if (value != null) {
                environment.put(variable, value);
            }
        });
        return environment;
    }
}
