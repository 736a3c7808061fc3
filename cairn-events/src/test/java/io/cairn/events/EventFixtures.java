package io.cairn.events;

import io.cairn.core.DataManager;
import io.cairn.core.Sleeper;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseType;
import io.cairn.core.config.DatabaseUrl;
import io.cairn.core.config.PoolConfig;
import io.cairn.core.config.Secret;
import io.cairn.testkit.PostgresExtension;
import io.cairn.tx.Transactions;
import io.cairn.tx.TxSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A fresh database per test and an Events over it ("main"), with a short poll interval. */
final class EventFixtures {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private EventFixtures() {
    }

    /** Where a fresh database is: its Cairn URL and password. */
    record Fresh(String cairnUrl, String password) {
        DataManager open(int poolMax) {
            DatabaseConfig database = DatabaseConfig.of("main", DatabaseType.POSTGRESQL,
                    DatabaseUrl.parse(cairnUrl, DatabaseType.POSTGRESQL.defaultPort()),
                    password.isEmpty() ? Optional.empty() : Optional.of(Secret.of(password)))
                    .withPool(PoolConfig.defaults().withMax(poolMax));
            return DataManager.open(CairnConfig.of(List.of(database)));
        }
    }

    static Fresh fresh(PostgresExtension pg) {
        String name = "ev" + DATABASES.incrementAndGet() + "_" + ProcessHandle.current().pid();
        try (Connection connection = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        String url = pg.cairnUrl();
        return new Fresh(url.substring(0, url.lastIndexOf('/') + 1) + name, pg.password());
    }

    static final EventSettings SETTINGS = EventSettings.defaults().withPollInterval(Duration.ofMillis(50));

    /** Everything a test needs, closed in reverse order. */
    record Opened(DataManager databases, Transactions transactions, Events events, MeterRegistry registry)
            implements AutoCloseable {
        @Override
        public void close() {
            events.close();
            transactions.close();
            databases.close();
        }
    }

    static Opened open(Fresh fresh, EventSettings settings) {
        DataManager databases = fresh.open(8);
        MeterRegistry registry = new SimpleMeterRegistry();
        Transactions transactions = Transactions.open(databases, TxSettings.from(databases.config()), Clock.systemUTC(),
                Sleeper.system(), registry);
        Events events = Events.open(databases, transactions, settings, Clock.systemUTC(), Sleeper.system(), registry);
        return new Opened(databases, transactions, events, registry);
    }
}
