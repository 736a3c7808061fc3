package io.cairn.testkit;

import java.nio.file.Path;

/**
 * A real server started for tests on a free loopback port in a temp directory under /tmp.
 * Every extension of the kit implements it, so fault-injection helpers work on any of them.
 */
public interface TestServer extends AutoCloseable {

    /** Always "127.0.0.1". */
    String host();

    int port();

    /** The user to log in as, or "" when the server has no users (Redis without ACL, the Mongo kit server). */
    String user();

    /** The password to log in with, or "" when none is needed. Never log it. */
    String password();

    /**
     * The server's URL in Cairn's configuration format, without the password, e.g.
     * {@code postgresql://cairn@127.0.0.1:PORT/cairn} or {@code redis://127.0.0.1:PORT/0}.
     */
    String cairnUrl();

    /** Starts the server when it is not running (a stopped or killed server keeps its data). */
    void start();

    /** Graceful stop; data is kept. */
    void stop();

    /** SIGKILL of the server process and all its descendants; data is kept as a crash leaves it. */
    void kill();

    default void restart() {
        stop();
        start();
    }

    boolean isRunning();

    /** The server's temp directory (data, log). */
    Path directory();

    /** The last lines of the server log. */
    String logTail(int lines);

    /** Stops the server and deletes its directory (unless CAIRN_KEEP_SERVERS=1). */
    @Override
    void close();
}
