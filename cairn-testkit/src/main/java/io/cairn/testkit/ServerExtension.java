package io.cairn.testkit;

import io.cairn.embedded.EmbeddedServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The JUnit 5 lifecycle shared by the kit's extensions, over one embedded server created on first
 * use. Registered on a static field, the server starts in beforeAll and is stopped and deleted in
 * afterAll of the same class (also when tests fail); on an instance field, it starts in
 * beforeEach and is closed in afterEach. A test that stopped or killed the server finds it
 * started again before the next test.
 *
 * @param <S> the embedded server type, reachable through {@link #server()} for server-specific calls
 */
public abstract class ServerExtension<S extends EmbeddedServer>
        implements TestServer, BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /**
     * Servers created and not closed yet. When the JVM exits without afterAll having run (e.g. the
     * test JVM got SIGTERM), the hook closes them, so their temp directories go too.
     */
    private static final Set<ServerExtension<?>> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(OPEN).forEach(ServerExtension::closeQuietly),
                "cairn-testkit-cleanup"));
    }

    /** The unique id of the context that started the server; only that context closes it. */
    private volatile Optional<String> owner = Optional.empty();
    private volatile S server;

    /** Builds (does not start) the embedded server in a new directory under /tmp. */
    protected abstract S createServer();

    /** The embedded server, created (not started) on first use. */
    public final synchronized S server() {
        if (server == null) {
            server = createServer();
            OPEN.add(this);
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        startFor(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        startFor(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeFor(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeFor(context);
    }

    private synchronized void startFor(ExtensionContext context) {
        if (owner.isEmpty()) {
            owner = Optional.of(context.getUniqueId());
        }
        if (!isRunning()) {
            start();
        }
    }

    private synchronized void closeFor(ExtensionContext context) {
        if (owner.isPresent() && owner.get().equals(context.getUniqueId())) {
            owner = Optional.empty();
            close();
        }
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return server().port();
    }

    @Override
    public void start() {
        server().start();
    }

    @Override
    public void stop() {
        server().stop();
    }

    @Override
    public void kill() {
        server().kill();
    }

    @Override
    public void restart() {
        server().restart();
    }

    @Override
    public boolean isRunning() {
        S current = server;
        return current != null && current.isRunning();
    }

    @Override
    public Path directory() {
        return server().directory();
    }

    @Override
    public String logTail(int lines) {
        return server().logTail(lines);
    }

    /** Stops the server and deletes its directory; a later start creates a fresh server. */
    @Override
    public synchronized void close() {
        S current = server;
        server = null;
        OPEN.remove(this);
        if (current != null) {
            current.close();
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            // the JVM is exiting: nothing left to report to
        }
    }

    @Override
    public String toString() {
        S current = server;
        return getClass().getSimpleName() + "[" + (current == null ? "not started" : current.toString()) + "]";
    }
}
