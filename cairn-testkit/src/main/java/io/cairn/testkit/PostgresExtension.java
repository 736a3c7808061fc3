package io.cairn.testkit;

import io.cairn.embedded.PostgresBinaries;
import io.cairn.embedded.PostgresServer;
import io.cairn.testkit.internal.TestDirectories;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A throwaway PostgreSQL server for a test class:
 * {@code @RegisterExtension static final PostgresExtension pg = PostgresExtension.create();}
 * then {@code DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password())}.
 * Runs the system PostgreSQL 15 (else the newest installed) unless built with other binaries;
 * superuser "cairn", database "cairn", data checksums on, fsync off (a killed process loses
 * nothing with fsync off; only a machine crash would).
 */
public final class PostgresExtension extends ServerExtension<PostgresServer> {
    private final Supplier<PostgresBinaries> binaries;
    private final Map<String, String> settings;
    private final boolean checksums;
    private final boolean fsync;
    private final String database;

    private PostgresExtension(Builder builder) {
        this.binaries = builder.binaries;
        this.settings = Map.copyOf(builder.settings);
        this.checksums = builder.checksums;
        this.fsync = builder.fsync;
        this.database = builder.database;
    }

    /** System PostgreSQL 15 (or the newest installed), default settings. */
    public static PostgresExtension create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected PostgresServer createServer() {
        return PostgresServer.builder()
                .binaries(binaries.get())
                .directory(TestDirectories.create("postgres"))
                .keepDirectory(TestDirectories.keep())
                .database(database)
                .dataChecksums(checksums)
                .fsync(fsync)
                .settings(settings)
                .build();
    }

    @Override
    public String user() {
        return server().user();
    }

    @Override
    public String password() {
        return server().password();
    }

    public String database() {
        return server().database();
    }

    @Override
    public String cairnUrl() {
        return "postgresql://" + user() + "@" + host() + ":" + port() + "/" + database();
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/cairn} (user and password are passed separately). */
    public String jdbcUrl() {
        return server().jdbcUrl();
    }

    public String jdbcUrl(String databaseName) {
        return server().jdbcUrl(databaseName);
    }

    public Path dataDirectory() {
        return server().dataDirectory();
    }

    public PostgresBinaries binaries() {
        return server().binaries();
    }

    /** The postmaster's pid while it runs, for fault tests. */
    public long pid() {
        return server().pid().orElseThrow(() -> new IllegalStateException("PostgreSQL is not running"));
    }

    /** Options; binaries default to the system PostgreSQL 15, else the newest installed. */
    public static final class Builder {
        private Supplier<PostgresBinaries> binaries = Builder::defaultBinaries;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private boolean checksums = true;
        private boolean fsync;
        private String database = "cairn";

        private Builder() {
        }

        private static PostgresBinaries defaultBinaries() {
            List<Integer> majors = PostgresBinaries.installedMajors();
            return majors.contains(15) ? PostgresBinaries.system(15) : PostgresBinaries.system();
        }

        public Builder binaries(PostgresBinaries value) {
            Objects.requireNonNull(value, "binaries");
            this.binaries = () -> value;
            return this;
        }

        /** The system binaries of one major version, e.g. {@code systemBinaries(15)}. */
        public Builder systemBinaries(int major) {
            this.binaries = () -> PostgresBinaries.system(major);
            return this;
        }

        /** The io.zonky bundle on the test classpath (PostgreSQL 17 with the parent's version). */
        public Builder bundledBinaries() {
            this.binaries = PostgresBinaries::bundled;
            return this;
        }

        public Builder setting(String name, String value) {
            settings.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder settings(Map<String, String> values) {
            values.forEach(this::setting);
            return this;
        }

        /** initdb --data-checksums; default on. */
        public Builder checksums(boolean value) {
            this.checksums = value;
            return this;
        }

        /** fsync; default off for speed (process kills lose nothing either way). */
        public Builder fsync(boolean value) {
            this.fsync = value;
            return this;
        }

        public Builder database(String value) {
            this.database = Objects.requireNonNull(value, "database");
            return this;
        }

        public PostgresExtension build() {
            return new PostgresExtension(this);
        }
    }
}
