package io.cairn.tx;

import io.cairn.core.DataManager;
import io.cairn.core.Sleeper;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseType;
import io.cairn.core.config.DatabaseUrl;
import io.cairn.core.config.PoolConfig;
import io.cairn.core.config.Secret;
import io.cairn.testkit.TestServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Test helpers: a fresh database per test, a DataManager with one database "main" on it, a recording sleeper. */
public final class TxFixtures {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private TxFixtures() {
    }

    /** A fresh database on a PostgreSQL or MariaDB test server; the Cairn URL and the JDBC URL that reach it. */
    public record Fresh(TestServer server, DatabaseType type, String cairnUrl, String jdbcUrl) {
        public Connection connect() {
            try {
                return DriverManager.getConnection(jdbcUrl, server.user(), server.password());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        public void sql(String... statements) {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        public DataManager open(int poolMax) {
            return openAt(cairnUrl, poolMax);
        }

        /** A DataManager whose "main" database is reached at another URL (through a proxy). */
        public DataManager openAt(String url, int poolMax) {
            Optional<Secret> password = server.password().isEmpty() ? Optional.empty() : Optional.of(Secret.of(server.password()));
            DatabaseConfig database = DatabaseConfig.of("main", type, DatabaseUrl.parse(url, type.defaultPort()), password)
                    .withPool(PoolConfig.defaults().withMax(poolMax));
            return DataManager.open(CairnConfig.of(List.of(database)));
        }
    }

    public static Fresh fresh(TestServer server, DatabaseType type, String adminJdbcUrl) {
        String name = "tx" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(adminJdbcUrl, server.user(), server.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        String cairnUrl = server.cairnUrl();
        String jdbc = adminJdbcUrl.substring(0, adminJdbcUrl.lastIndexOf('/') + 1) + name;
        return new Fresh(server, type, cairnUrl.substring(0, cairnUrl.lastIndexOf('/') + 1) + name, jdbc);
    }

    public static Transactions transactions(DataManager databases, Clock clock, Sleeper sleeper) {
        return Transactions.open(databases, TxSettings.from(databases.config()), clock, sleeper, new SimpleMeterRegistry());
    }

    /** Records each wait instead of waiting; optionally advances a test clock by it. */
    public static final class RecordingSleeper implements Sleeper {
        public final List<Duration> waits = new CopyOnWriteArrayList<>();
        private final java.util.function.Consumer<Duration> onWait;

        public RecordingSleeper() {
            this(d -> { });
        }

        public RecordingSleeper(java.util.function.Consumer<Duration> onWait) {
            this.onWait = onWait;
        }

        @Override
        public void sleep(Duration duration) {
            waits.add(duration);
            onWait.accept(duration);
        }
    }
}
