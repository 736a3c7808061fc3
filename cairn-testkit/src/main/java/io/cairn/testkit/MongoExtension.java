package io.cairn.testkit;

import io.cairn.embedded.JavaServer;
import io.cairn.testkit.internal.TestDirectories;
import io.cairn.testkit.mongo.MongoWireServerMain;
import java.util.List;

/**
 * A MongoDB-wire-compatible server for tests. No MongoDB server can be installed on the build
 * machines, so this runs mongo-java-server (H2 backend, data in a file in the server directory)
 * in a separate child JVM, so that {@link #kill()} is a real SIGKILL. It speaks the wire protocol
 * to the official drivers but is not MongoDB: see docs/testkit.md for what it lacks.
 */
public final class MongoExtension extends ServerExtension<JavaServer> {
    private final String database;

    private MongoExtension(String database) {
        this.database = database;
    }

    public static MongoExtension create() {
        return new MongoExtension("cairn");
    }

    /** With another database name in {@link #cairnUrl()} and {@link #connectionString()}. */
    public static MongoExtension withDatabase(String database) {
        return new MongoExtension(database);
    }

    @Override
    protected JavaServer createServer() {
        return JavaServer.builder("MongoWire", MongoWireServerMain.class.getName())
                .directory(TestDirectories.create("mongo"))
                .keepDirectory(TestDirectories.keep())
                .arguments((port, directory) -> List.of("--port", Integer.toString(port),
                        "--file", directory.resolve("mongo.mv.db").toString()))
                .readyLine(MongoWireServerMain.READY)
                .build();
    }

    /** Always "": the kit's Mongo server has no authentication. */
    @Override
    public String user() {
        return "";
    }

    @Override
    public String password() {
        return "";
    }

    public String database() {
        return database;
    }

    @Override
    public String cairnUrl() {
        return "mongodb://" + host() + ":" + port() + "/" + database;
    }

    /** A connection string for the official driver: {@code mongodb://127.0.0.1:PORT/cairn}. */
    public String connectionString() {
        return cairnUrl();
    }
}
