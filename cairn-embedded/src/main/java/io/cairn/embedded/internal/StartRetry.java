package io.cairn.embedded.internal;

import io.cairn.embedded.EmbeddedServerException;
import java.time.Duration;
import java.util.Locale;
import java.util.function.IntConsumer;
import java.util.function.Predicate;

/**
 * Runs start attempts until one succeeds: on a port taken between picking and binding it moves to
 * another free port (when the port is not fixed), on a failure the caller calls transient (e.g. a
 * stale PostgreSQL shared-memory segment) it tries again until the deadline, otherwise it throws
 * an {@link EmbeddedServerException} naming the server, the cause and the log.
 */
public final class StartRetry {
    private static final int PORT_ATTEMPTS = 5;

    private StartRetry() {
    }

    /** Starts the server and returns the port it listens on. */
    public static int start(String server, int port, boolean portFixed, Duration timeout, ServerLog log,
            Predicate<StartFailure> transientFailure, IntConsumer attempt) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int current = port;
        int portChanges = 0;
        while (true) {
            try {
                attempt.accept(current);
                return current;
            } catch (StartFailure failure) {
                if (failure.portInUse() && !portFixed && portChanges < PORT_ATTEMPTS) {
                    portChanges++;
                    current = FreePorts.pick();
                } else if (transientFailure.test(failure) && System.nanoTime() < deadline) {
                    pause();
                } else {
                    throw failed(server, current, portFixed, failure, log);
                }
            }
        }
    }

    private static EmbeddedServerException failed(String server, int port, boolean portFixed, StartFailure failure,
            ServerLog log) {
        String cause = firstErrorLine(failure.log());
        String hint = failure.portInUse() && portFixed
                ? "port " + port + " is taken: choose another port or leave it unset"
                : "see the log " + log.file();
        String message = server + " on 127.0.0.1:" + port + " did not start (" + failure.getMessage() + ")"
                + (cause.isEmpty() ? "" : ": " + cause) + "; " + hint;
        return new EmbeddedServerException(message, ServerLog.lastLines(failure.log(), 30), failure);
    }

    /** The first line that looks like an error, so the one-line message says what went wrong. */
    static String firstErrorLine(String log) {
        for (String line : log.split("\\R")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.contains("fatal") || lower.contains("error") || lower.contains("panic")
                    || lower.contains("invalid") || lower.contains("could not")) {
                // drop the timestamp and pid prefix PostgreSQL and MariaDB put before the text
                return line.replaceFirst("^\\d{4}-\\d\\d-\\d\\d[ T][\\d:.]+( \\w+)? (\\[\\d+\\] |\\d+ )?", "").strip();
            }
        }
        return "";
    }

    private static void pause() {
        try {
            // Polling interval while the operating system releases what the previous instance held.
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedServerException("interrupted while waiting to retry a server start", e);
        }
    }
}
