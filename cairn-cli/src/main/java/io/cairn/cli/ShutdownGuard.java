package io.cairn.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.cairn.Cairn;
import org.slf4j.LoggerFactory;

/**
 * The one JVM shutdown hook of a running command (Ctrl-C, SIGTERM), installed for the command's
 * run and removed after it. Either the command stops by itself (a WAL stream: the hook asks it to
 * and waits for it to finish and print its status), or the hook says on stderr, in one line, what
 * the interruption means and closes the facade, which closes the repository and so releases its
 * locks. From then on the command's thread prints nothing: its failures are only the echo of the
 * close, and the JVM exits with 130 once the hook returns. kill -9 runs no hook: that is the
 * stale-lock case {@code cairn repo unlock} is for.
 */
final class ShutdownGuard implements AutoCloseable {
    /** How long a command that stops by itself gets to finish before the JVM halts anyway. */
    private static final long STOP_WAIT_SECONDS = 30;

    private final ResultCommand<?> command;
    private volatile Cairn cairn;
    private final PrintWriter err;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onShutdown, "cairn-shutdown");
    private volatile boolean abandoned;

    private ShutdownGuard(ResultCommand<?> command, PrintWriter err) {
        this.command = command;
        this.err = err;
    }

    static ShutdownGuard install(ResultCommand<?> command, PrintWriter err) {
        ShutdownGuard guard = new ShutdownGuard(command, err);
        Runtime.getRuntime().addShutdownHook(guard.hook);
        return guard;
    }

    /** The facade the command opened, to close on shutdown; returned as given. */
    synchronized Cairn watch(Cairn opened) {
        if (abandoned) {
            opened.close();
        }
        cairn = opened;
        return opened;
    }

    /** Whether the shutdown took the command over: its result or failure is not to be printed. */
    boolean abandoned() {
        return abandoned;
    }

    private void onShutdown() {
        if (command.stopForShutdown()) {
            try {
                finished.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        abandoned = true;
        if (!command.root().verbose()) {
            // what the command's threads log while the facade closes under them is noise, not news
            quietLogs();
        }
        err.println("cairn: " + command.interruptedMessage());
        err.flush();
        Cairn opened;
        synchronized (this) {
            opened = cairn;
        }
        if (opened != null) {
            opened.close();
        }
    }

    private static void quietLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext) {
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.OFF);
            ((Logger) LoggerFactory.getLogger("io.cairn")).setLevel(Level.OFF);
        }
    }

    /** The command ended (or failed); the hook is no longer needed, unless the shutdown already runs it. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownInProgress) {
            // the hook runs or ran; nothing to remove
        }
    }
}
