package io.cairn.testkit.mongo;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;

/**
 * Child-JVM entry point of the kit's MongoDB-wire-compatible server: mongo-java-server with its
 * H2 (MVStore) backend in one file, on 127.0.0.1. Usage: {@code --port N --file PATH}.
 *
 * <p>Durability: MVStore commits every {@value #COMMIT_DELAY_MILLIS} ms and on shutdown, so a
 * stop (SIGTERM) keeps everything and a SIGKILL may lose the writes of the last few milliseconds.
 */
public final class MongoWireServerMain {
    /** Printed once the server accepts connections; the parent waits for it. */
    public static final String READY = "cairn-testkit mongo-wire server ready";
    static final int COMMIT_DELAY_MILLIS = 20;

    private MongoWireServerMain() {
    }

    public static void main(String[] arguments) {
        int port = 0;
        Path file = null;
        for (int i = 0; i + 1 < arguments.length; i += 2) {
            switch (arguments[i]) {
                case "--port" -> port = Integer.parseInt(arguments[i + 1]);
                case "--file" -> file = Path.of(arguments[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + arguments[i]
                        + "; usage: --port N --file PATH");
            }
        }
        if (port == 0 || file == null) {
            throw new IllegalArgumentException("usage: --port N --file PATH");
        }
        MVStore store = new MVStore.Builder().fileName(file.toString()).open();
        store.setAutoCommitDelay(COMMIT_DELAY_MILLIS);
        H2Backend backend = new H2Backend(store);
        MongoServer server = new MongoServer(backend);
        // the oplog backs change streams (watch()), which Cairn's event and cache tests may use
        server.enableOplog();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            backend.close();
        }, "mongo-wire-shutdown"));
        server.bind("127.0.0.1", port);
        System.out.println(READY + " on 127.0.0.1:" + port);
        System.out.flush();
    }
}
