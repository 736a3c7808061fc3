package io.cairn.embedded;

import java.nio.file.Path;

/**
 * A database server running as a child process of this JVM on a loopback port. Implementations
 * own one server directory that holds the data, the log and the socket; {@link #close()} stops
 * the server and deletes that directory unless it was asked to be kept.
 */
public interface EmbeddedServer extends AutoCloseable {

    /** Starts the server (initialising its data on first start) and waits until it accepts connections. */
    void start();

    /** Stops the server gracefully, escalating to SIGKILL when it does not stop in time. Data is kept. */
    void stop();

    /** SIGKILLs the server and all its descendants, then waits until they are gone. Data is kept. */
    void kill();

    /** Stops (gracefully) and starts again on the same port. */
    default void restart() {
        stop();
        start();
    }

    boolean isRunning();

    /** Always the IPv4 loopback address: servers never listen elsewhere. */
    default String host() {
        return "127.0.0.1";
    }

    /** The TCP port; chosen at the first start when none was configured, then kept. */
    int port();

    /** The directory that holds this server's data, log and socket. */
    Path directory();

    /** The last {@code lines} lines of the server's log, or "" when it has not logged yet. */
    String logTail(int lines);

    /** Stops the server and deletes its directory unless it was built to keep it. */
    @Override
    void close();
}
