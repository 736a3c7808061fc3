package io.cairn.testkit;

import io.cairn.embedded.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A restored (already recovered) data directory started with the same binaries, user and password as
 * the server it was copied from, on a free port, to compare its contents with what was committed.
 */
public final class RestoredPostgres implements AutoCloseable {
    private final PostgresServer server;
    private final PostgresExtension source;

    private RestoredPostgres(PostgresServer server, PostgresExtension source) {
        this.server = server;
        this.source = source;
    }

    /** Starts the server on {@code dataDirectory}; {@link #close()} stops it. */
    public static RestoredPostgres start(Path dataDirectory, PostgresExtension source) {
        PostgresServer server = PostgresServer.builder().binaries(source.binaries()).existingDataDirectory(dataDirectory)
                .build();
        server.start();
        return new RestoredPostgres(server, source);
    }

    /** A connection to the source's database as the source's user. */
    public Connection connect() throws SQLException {
        return connect(source.database());
    }

    /** A connection to {@code database} as the source's user. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(database), source.user(), source.password());
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
