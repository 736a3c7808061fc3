package io.cairn.embedded;

import io.cairn.embedded.internal.CommandRunner;
import io.cairn.embedded.internal.Executables;
import io.cairn.embedded.internal.Secrets;
import io.cairn.embedded.internal.ServerDirectories;
import io.cairn.embedded.internal.ServerLog;
import io.cairn.embedded.internal.ServerUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A MariaDB server (mariadbd) on a loopback port. The first start runs mariadb-install-db, then
 * creates the application user (all privileges) and database through the {@code mariadb} client
 * over the private socket, and removes root's TCP logins so root is reachable only on the socket.
 * Binaries are found on PATH, /usr/sbin and /usr/bin.
 */
public final class MariaDbServer extends ManagedServer {
    /**
     * Native AIO takes kernel AIO contexts (fs.aio-max-nr) per server; many throwaway servers at once
     * (parallel test runs) can exhaust them and abort InnoDB's start. Test servers do not need it.
     */
    private static final String NO_NATIVE_AIO = "--innodb-use-native-aio=0";
    private static final String READY = "ready for connections";
    private static final Duration SETUP_TIMEOUT = Duration.ofMinutes(2);

    private final Path dataDirectory;
    private final String user;
    private final String password;
    private final String database;
    private final Map<String, String> options;

    private MariaDbServer(Builder builder) {
        super(new Kind("MariaDB", "cairn-mariadb-", "mariadb.log", READY, "TERM", true), builder.serverOptions);
        this.dataDirectory = directory().resolve("data");
        this.user = builder.user;
        this.password = builder.password != null ? builder.password : Secrets.randomPassword();
        this.database = builder.database;
        this.options = Map.copyOf(builder.options);
    }

    public static Builder builder() {
        return new Builder();
    }

    private static Path binary(String name, String alternative) {
        return Executables.findSystem(name).or(() -> Executables.findSystem(alternative))
                .orElseThrow(() -> new EmbeddedServerException("MariaDB binary " + name + " not found on PATH, /usr/sbin"
                        + " or /usr/bin: install it (apt-get install mariadb-server mariadb-client)"));
    }

    /** The system tables decide whether install-db ran, so a kept directory is reused across server objects. */
    @Override
    void prepare() {
        if (!Files.isDirectory(dataDirectory.resolve("mysql"))) {
            ServerDirectories.prepare(directory(), "MariaDB");
            ServerUser.current().own(directory());
            installDatabase();
        }
    }

    @Override
    void afterStart() {
        // The marker is written only after the user exists, so a failed setup is redone on the next start.
        Path marker = directory().resolve("cairn-setup-done");
        if (!Files.exists(marker)) {
            createUserAndDatabase();
            try {
                Files.writeString(marker, user + "\n");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot write " + marker, e);
            }
        }
    }

    @Override
    Map<String, String> environment() {
        return Map.of("HOME", directory().toString(), "LC_ALL", "C");
    }

    private CommandRunner runner() {
        return new CommandRunner("MariaDB", directory(), environment(), log());
    }

    private void installDatabase() {
        List<String> command = List.of(binary("mariadb-install-db", "mysql_install_db").toString(), "--no-defaults",
                "--auth-root-authentication-method=normal", "--skip-test-db", "--datadir=" + dataDirectory,
                NO_NATIVE_AIO);
        CommandRunner.Result result = runner().run(command, Optional.empty(), SETUP_TIMEOUT);
        if (!result.succeeded()) {
            throw new EmbeddedServerException("MariaDB mariadb-install-db failed with exit code " + result.exitCode()
                    + " for " + dataDirectory + "; see the log tail", errorLines(result.output()), null);
        }
    }

    @Override
    List<String> command(int candidatePort) {
        List<String> command = new ArrayList<>(List.of(binary("mariadbd", "mysqld").toString(), "--no-defaults",
                "--datadir=" + dataDirectory, "--port=" + candidatePort, "--bind-address=127.0.0.1",
                "--socket=" + socket(), "--pid-file=" + directory().resolve("mariadbd.pid"), "--skip-name-resolve",
                "--innodb-buffer-pool-size=32M", NO_NATIVE_AIO));
        options.forEach((name, value) -> command.add(value.isEmpty() ? "--" + name : "--" + name + "=" + value));
        return command;
    }

    /** mariadb-install-db ends with a page of generic advice: the lines that say what failed come first. */
    private static String errorLines(String output) {
        String errors = output.lines().filter(line -> line.contains("[ERROR]") || line.contains("[Warning]"))
                .collect(java.util.stream.Collectors.joining(System.lineSeparator()));
        return ServerLog.lastLines(errors.isEmpty() ? output : errors, 30);
    }

    private void createUserAndDatabase() {
        String quotedPassword = password.replace("\\", "\\\\").replace("'", "\\'");
        String sql = "CREATE OR REPLACE USER '" + user + "'@'%' IDENTIFIED BY '" + quotedPassword + "';\n"
                + "GRANT ALL PRIVILEGES ON *.* TO '" + user + "'@'%' WITH GRANT OPTION;\n"
                + "CREATE DATABASE IF NOT EXISTS `" + database + "`;\n"
                + "DELETE FROM mysql.global_priv WHERE User = 'root' AND Host <> 'localhost';\n"
                + "FLUSH PRIVILEGES;\n";
        List<String> command = List.of(binary("mariadb", "mysql").toString(), "--no-defaults", "--user=root",
                "--socket=" + socket(), "--batch");
        CommandRunner.Result result = runner().run(command, Optional.of(sql), SETUP_TIMEOUT);
        if (!result.succeeded()) {
            throw new EmbeddedServerException("MariaDB could not create user '" + user + "' and database '" + database
                    + "' (exit code " + result.exitCode() + "); see the log tail",
                    ServerLog.lastLines(result.output(), 30), null);
        }
    }

    /** The server's Unix socket (root can log in there without a password). */
    public Path socket() {
        return directory().resolve("mysqld.sock");
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public String user() {
        return user;
    }

    /** The application user's password (never logged). */
    public String password() {
        return password;
    }

    public String database() {
        return database;
    }

    public String jdbcUrl() {
        return jdbcUrl(database);
    }

    public String jdbcUrl(String databaseName) {
        return "jdbc:mariadb://" + host() + ":" + port() + "/" + databaseName;
    }

    /** Options for a {@link MariaDbServer}. */
    public static final class Builder {
        private final ServerOptions serverOptions = new ServerOptions(Duration.ofSeconds(60), Duration.ofSeconds(30));
        private String user = "cairn";
        private String password;
        private String database = "cairn";
        private final Map<String, String> options = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder directory(Path value) {
            serverOptions.directory(value);
            return this;
        }

        public Builder keepDirectory(boolean value) {
            serverOptions.keepDirectory(value);
            return this;
        }

        public Builder port(int value) {
            serverOptions.port(value);
            return this;
        }

        public Builder user(String value) {
            this.user = PostgresServer.Builder.requireName(value, "user");
            return this;
        }

        public Builder password(String value) {
            if (Objects.requireNonNull(value, "password").isEmpty() || value.contains("\n")) {
                throw new IllegalArgumentException("password must be non-empty and on one line");
            }
            this.password = value;
            return this;
        }

        public Builder database(String value) {
            this.database = PostgresServer.Builder.requireName(value, "database");
            return this;
        }

        /** An extra mariadbd option, e.g. {@code option("log-bin", "binlog")}; "" for a flag. */
        public Builder option(String name, String value) {
            if (!Objects.requireNonNull(name, "name").matches("[a-z][a-z0-9_\\-]*")) {
                throw new IllegalArgumentException("not a mariadbd option name: " + name);
            }
            options.put(name, Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder startTimeout(Duration value) {
            serverOptions.startTimeout(value);
            return this;
        }

        public Builder stopTimeout(Duration value) {
            serverOptions.stopTimeout(value);
            return this;
        }

        public MariaDbServer build() {
            return new MariaDbServer(this);
        }
    }
}
