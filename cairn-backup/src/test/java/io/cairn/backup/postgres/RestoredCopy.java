package io.cairn.backup.postgres;

import io.cairn.embedded.PostgresServer;
import io.cairn.testkit.PostgresExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Starts a restored (already recovered) data directory with the same binaries as the source, for comparisons. */
final class RestoredCopy implements AutoCloseable {
    private final PostgresServer server;
    private final PostgresExtension source;

    private RestoredCopy(PostgresServer server, PostgresExtension source) {
        this.server = server;
        this.source = source;
    }

    static RestoredCopy start(Path dataDirectory, PostgresExtension source) {
        PostgresServer server = PostgresServer.builder().binaries(source.binaries()).existingDataDirectory(dataDirectory)
                .build();
        server.start();
        return new RestoredCopy(server, source);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(source.database()), source.user(), source.password());
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
