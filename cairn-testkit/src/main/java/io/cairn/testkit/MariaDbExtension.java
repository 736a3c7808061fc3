package io.cairn.testkit;

import io.cairn.embedded.MariaDbServer;
import io.cairn.testkit.internal.TestDirectories;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A throwaway MariaDB server: {@code @RegisterExtension static final MariaDbExtension db = MariaDbExtension.create();}
 * then {@code DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())}. User "cairn"
 * with all privileges, database "cairn".
 */
public final class MariaDbExtension extends ServerExtension<MariaDbServer> {
    private final Map<String, String> options;

    private MariaDbExtension(Builder builder) {
        this.options = Map.copyOf(builder.options);
    }

    public static MariaDbExtension create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected MariaDbServer createServer() {
        MariaDbServer.Builder builder = MariaDbServer.builder()
                .directory(TestDirectories.create("mariadb"))
                .keepDirectory(TestDirectories.keep());
        options.forEach(builder::option);
        return builder.build();
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
        return "mariadb://" + user() + "@" + host() + ":" + port() + "/" + database();
    }

    /** {@code jdbc:mariadb://127.0.0.1:PORT/cairn}. */
    public String jdbcUrl() {
        return server().jdbcUrl();
    }

    public String jdbcUrl(String databaseName) {
        return server().jdbcUrl(databaseName);
    }

    /** Options: extra mariadbd options, e.g. {@code option("log-bin", "binlog")}. */
    public static final class Builder {
        private final Map<String, String> options = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder option(String name, String value) {
            options.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public MariaDbExtension build() {
            return new MariaDbExtension(this);
        }
    }
}
