package io.cairn.migrate;

import io.cairn.core.DataManager;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseType;
import io.cairn.core.config.DatabaseUrl;
import io.cairn.core.config.Secret;
import io.cairn.testkit.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Helpers shared by the migration tests: DataManagers on test servers, files, polling. */
final class Fixtures {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private Fixtures() {
    }

    /** A DataManager with one database "db" on the server, at the given URL. */
    static DataManager open(TestServer server, DatabaseType type, String url) {
        Optional<Secret> password = server.password().isEmpty() ? Optional.empty() : Optional.of(Secret.of(server.password()));
        DatabaseConfig database = DatabaseConfig.of("db", type, DatabaseUrl.parse(url, type.defaultPort()), password);
        return DataManager.open(CairnConfig.of(List.of(database)));
    }

    /** Creates a fresh database on a PostgreSQL or MariaDB test server and returns its Cairn URL. */
    static String freshSqlDatabase(TestServer server, String jdbcUrl, String cairnUrl) {
        String name = "m" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, server.user(), server.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return cairnUrl.substring(0, cairnUrl.lastIndexOf('/') + 1) + name;
    }

    static Path write(Path directory, String name, String content) {
        try {
            Path file = directory.resolve(name);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path directory, String name) {
        try {
            Files.delete(directory.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
