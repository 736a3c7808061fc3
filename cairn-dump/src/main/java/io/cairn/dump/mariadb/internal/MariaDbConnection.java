package io.cairn.dump.mariadb.internal;

import io.cairn.core.config.DatabaseConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How the MariaDB/MySQL client tools reach a configured database (the password is in the {@link OptionFile}). */
final class MariaDbConnection {
    private final DatabaseConfig config;

    MariaDbConnection(DatabaseConfig config) {
        this.config = config;
    }

    /** The option file first (the tools insist), then host, port, user and TCP. */
    List<String> arguments(OptionFile options) {
        List<String> args = new ArrayList<>(List.of(options.argument(), "--host=" + config.url().host(),
                "--port=" + config.url().port(), "--protocol=TCP"));
        config.user().ifPresent(user -> args.add("--user=" + user));
        return args;
    }

    /** For the command-line client, which (unlike the dump tool) has a connect timeout. */
    List<String> clientArguments(OptionFile options) {
        List<String> args = arguments(options);
        args.add("--connect-timeout=" + Math.max(2, config.connectTimeout().toSeconds()));
        return args;
    }

    /** Arguments for the manifest and logs: the option file's private path is left out. */
    static List<String> printable(List<String> arguments) {
        return arguments.stream().filter(a -> !a.startsWith("--defaults-extra-file=")).toList();
    }

    /** Stable English messages; MYSQL_PWD from the caller's environment must not override the option file. */
    static Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("LC_MESSAGES", "C");
        environment.put("MYSQL_PWD", null);
        return environment;
    }
}
