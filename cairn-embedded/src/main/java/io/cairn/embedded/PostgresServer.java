package io.cairn.embedded;

import io.cairn.embedded.internal.CommandRunner;
import io.cairn.embedded.internal.PostgresCluster;
import io.cairn.embedded.internal.Secrets;
import io.cairn.embedded.internal.ServerDirectories;
import io.cairn.embedded.internal.ServerUser;
import io.cairn.embedded.internal.StartFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A PostgreSQL server run from {@code postgres -D …} directly (not pg_ctl, so this JVM owns the
 * pid). The first start runs initdb and creates the database; later starts reuse the data.
 * Stopping uses fast shutdown (SIGINT), because SIGTERM waits for pooled clients to disconnect.
 *
 * <pre>{@code
 * try (PostgresServer pg = PostgresServer.builder().build()) {
 *     pg.start();
 *     DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
 * }
 * }</pre>
 */
public final class PostgresServer extends ManagedServer {
    /** Also matches "… ready to accept read-only connections" of a restored server in standby mode. */
    private static final String READY = "database system is ready to accept";
    /** Unix socket paths are limited to 107 bytes; longer server directories go without a socket. */
    private static final int MAX_SOCKET_PATH = 100;

    private final PostgresBinaries binaries;
    private final Path dataDirectory;
    private final boolean existingData;
    private final String user;
    private final String password;
    private final String database;
    private final boolean checksums;
    private final boolean fsync;
    private final Map<String, String> settings;
    private volatile boolean initialised;

    private PostgresServer(Builder builder) {
        // binaries first: when none are installed, fail before a temporary directory is made
        this(builder, builder.binaries != null ? builder.binaries : PostgresBinaries.system());
    }

    private PostgresServer(Builder builder, PostgresBinaries binaries) {
        super(new Kind("PostgreSQL", "cairn-postgres-", "postgres.log", READY, "INT", true), builder.options);
        this.binaries = binaries;
        this.existingData = builder.existingDataDirectory != null;
        this.dataDirectory = existingData ? builder.existingDataDirectory : directory().resolve("data");
        this.user = builder.user;
        this.password = builder.password != null ? builder.password : Secrets.randomPassword();
        this.database = builder.database;
        this.checksums = builder.checksums;
        this.fsync = builder.fsync;
        this.settings = Map.copyOf(builder.settings);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    String startName() {
        return "PostgreSQL " + binaries.version();
    }

    /** After SIGKILL the old lock file or shared memory may linger for a moment: those starts are retried. */
    @Override
    boolean isTransient(StartFailure failure) {
        String text = failure.log();
        return failure.exited() && (text.contains("pre-existing shared memory block")
                || text.contains("lock file") && text.contains("already exists"));
    }

    @Override
    List<String> command(int candidatePort) {
        return List.of(binaries.bin("postgres").toString(), "-D", dataDirectory.toString(),
                "-p", Integer.toString(candidatePort),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=" + socketDirectory());
    }

    private String socketDirectory() {
        String socket = directory() + "/.s.PGSQL." + 65535;
        return socket.length() > MAX_SOCKET_PATH ? "" : directory().toString();
    }

    /** initdb runs once per server object; later starts (and restarts) reuse the data directory. */
    @Override
    void prepare() {
        if (initialised) {
            return;
        }
        ServerDirectories.prepare(directory(), "PostgreSQL");
        ServerUser.current().own(directory());
        PostgresCluster cluster = new PostgresCluster(binaries, directory(), dataDirectory,
                new CommandRunner("PostgreSQL", directory(), environment(), log()));
        if (existingData) {
            if (!Files.isRegularFile(dataDirectory.resolve("PG_VERSION"))) {
                throw new EmbeddedServerException("PostgreSQL data directory " + dataDirectory
                        + " has no PG_VERSION: point existingDataDirectory to a restored or initialised data directory");
            }
            cluster.appendSettings(settings);
            ServerUser.current().own(dataDirectory);
            setPrivate(dataDirectory);
        } else if (!Files.isRegularFile(dataDirectory.resolve("PG_VERSION"))) {
            cluster.initialise(user, password, checksums, fsync);
            // before the caller's settings, so a bad setting fails at start with PostgreSQL's own message
            cluster.createDatabase(database);
            cluster.configure(fsync, settings);
        }
        initialised = true;
    }

    private static void setPrivate(Path data) {
        try {
            Files.setPosixFilePermissions(data, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (java.io.IOException e) {
            throw new EmbeddedServerException("cannot make PostgreSQL data directory " + data
                    + " private (mode 0700): " + e.getMessage() + "; fix its permissions", e);
        }
    }

    @Override
    Map<String, String> environment() {
        // C locale: the readiness line and error lines are matched in English.
        return Map.of("LC_ALL", "C", "LANG", "C", "HOME", directory().toString(), "PGDATA", dataDirectory.toString());
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public PostgresBinaries binaries() {
        return binaries;
    }

    /** The superuser name. */
    public String user() {
        return user;
    }

    /** The superuser password (never logged; keep it out of messages). */
    public String password() {
        return password;
    }

    /** The database created at initialisation. */
    public String database() {
        return database;
    }

    public String jdbcUrl() {
        return jdbcUrl(database);
    }

    public String jdbcUrl(String databaseName) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + databaseName;
    }

    /** Options for a {@link PostgresServer}; each setter validates at once. */
    public static final class Builder {
        private PostgresBinaries binaries;
        private final ServerOptions options = new ServerOptions(Duration.ofSeconds(60), Duration.ofSeconds(30));
        private Path existingDataDirectory;
        private String user = "cairn";
        private String password;
        private String database = "cairn";
        private boolean checksums = true;
        private boolean fsync = true;
        private final Map<String, String> settings = new LinkedHashMap<>();

        private Builder() {
        }

        /** Which binaries to run; default {@link PostgresBinaries#system()}. */
        public Builder binaries(PostgresBinaries value) {
            this.binaries = Objects.requireNonNull(value, "binaries");
            return this;
        }

        /** The server directory (data in {@code data/}, log, socket); default a new temp directory. */
        public Builder directory(Path value) {
            options.directory(value);
            return this;
        }

        /** Start an existing (e.g. restored) data directory instead of running initdb. */
        public Builder existingDataDirectory(Path value) {
            this.existingDataDirectory = Objects.requireNonNull(value, "existingDataDirectory").toAbsolutePath();
            return this;
        }

        /** Keep the server directory on {@link #close()}. */
        public Builder keepDirectory(boolean value) {
            options.keepDirectory(value);
            return this;
        }

        /** A fixed port; default a free loopback port. */
        public Builder port(int value) {
            options.port(value);
            return this;
        }

        public Builder user(String value) {
            this.user = requireName(value, "user");
            return this;
        }

        public Builder password(String value) {
            Objects.requireNonNull(value, "password");
            if (value.isEmpty() || value.contains("\n")) {
                throw new IllegalArgumentException("password must be non-empty and on one line");
            }
            this.password = value;
            return this;
        }

        public Builder database(String value) {
            this.database = requireName(value, "database");
            return this;
        }

        /** initdb --data-checksums; default on. */
        public Builder dataChecksums(boolean value) {
            this.checksums = value;
            return this;
        }

        /** fsync (and initdb's sync); default on. Off makes throwaway servers faster but not crash-safe. */
        public Builder fsync(boolean value) {
            this.fsync = value;
            return this;
        }

        /** One postgresql.conf setting, e.g. {@code setting("max_connections", "50")}. */
        public Builder setting(String name, String value) {
            if (!Objects.requireNonNull(name, "name").matches("[a-z_][a-z0-9_.]*")) {
                throw new IllegalArgumentException("not a PostgreSQL setting name: " + name);
            }
            settings.put(name, Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder settings(Map<String, String> values) {
            values.forEach(this::setting);
            return this;
        }

        public Builder startTimeout(Duration value) {
            options.startTimeout(value);
            return this;
        }

        public Builder stopTimeout(Duration value) {
            options.stopTimeout(value);
            return this;
        }

        public PostgresServer build() {
            return new PostgresServer(this);
        }

        static String requireName(String value, String what) {
            if (!Objects.requireNonNull(value, what).matches("[A-Za-z_][A-Za-z0-9_\\-]{0,62}")) {
                throw new IllegalArgumentException(what + " must be a simple identifier, got '" + value + "'");
            }
            return value;
        }
    }
}
