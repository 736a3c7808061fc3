package io.cairn.embedded.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervises one long-running server process: starts it as the server user with its output
 * appended to the server log, waits until it is ready (log line and TCP port) or fails fast when
 * it exits, stops it with the server's preferred signal and escalates to SIGKILL of the whole
 * process tree. Registered with the JVM shutdown hook while running.
 */
public final class ServerProcess {
    private static final Logger LOG = LoggerFactory.getLogger(ServerProcess.class);

    /** Decides from the log text written since this start whether the server is ready. */
    @FunctionalInterface
    public interface Readiness {
        boolean isReady(String logSinceStart);
    }

    private final String name;
    private final ServerLog log;
    private final Path workingDirectory;
    private final String stopSignal;
    private final Duration stopTimeout;
    private final boolean asServerUser;
    private volatile Process process;

    /** A process that runs as the {@link ServerUser} (unprivileged when this JVM is root). */
    public ServerProcess(String name, ServerLog log, Path workingDirectory, String stopSignal, Duration stopTimeout) {
        this(name, log, workingDirectory, stopSignal, stopTimeout, true);
    }

    /** {@code asServerUser} false runs the command as this JVM's own user (for servers that accept root). */
    public ServerProcess(String name, ServerLog log, Path workingDirectory, String stopSignal, Duration stopTimeout,
            boolean asServerUser) {
        this.asServerUser = asServerUser;
        this.name = name;
        this.log = log;
        this.workingDirectory = workingDirectory;
        this.stopSignal = stopSignal;
        this.stopTimeout = stopTimeout;
    }

    public String name() {
        return name;
    }

    /**
     * Starts {@code command} and waits until {@code readiness} holds and {@code port} accepts
     * connections. Throws {@link StartFailure} (with the new log text) when the process exits or
     * the timeout passes; in the latter case the process tree is killed first.
     */
    public void start(List<String> command, Map<String, String> environment, Readiness readiness, int port,
            Duration timeout) {
        long offset = log.size();
        ProcessBuilder builder = new ProcessBuilder(asServerUser ? ServerUser.current().wrap(command) : command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.file().toFile()));
        builder.environment().putAll(environment);
        Process started;
        try {
            started = builder.start();
        } catch (IOException e) {
            throw new StartFailure("cannot execute " + command.get(0) + ": " + e.getMessage(), "", true);
        }
        process = started;
        RunningServers.add(this);
        LOG.debug("{}: started pid {} on port {}", name, started.pid(), port);
        awaitReady(started, offset, readiness, port, timeout);
    }

    private void awaitReady(Process started, long offset, Readiness readiness, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                if (!started.isAlive()) {
                    forget(started);
                    throw new StartFailure("exited with code " + started.exitValue() + " while starting",
                            log.since(offset), true);
                }
                if (readiness.isReady(log.since(offset)) && FreePorts.accepts(port)) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    String text = log.since(offset);
                    kill();
                    throw new StartFailure("not ready within " + timeout.toSeconds() + "s", text, false);
                }
                // Returns at once when the process exits, so a failed start is seen without delay.
                started.waitFor(20, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new StartFailure("interrupted while starting", log.since(offset), false);
        }
    }

    public boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    public Optional<Long> pid() {
        Process current = process;
        return current == null || !current.isAlive() ? Optional.empty() : Optional.of(current.pid());
    }

    /** Sends the stop signal and waits; SIGKILLs the process tree when it has not exited in time. */
    public void stop() {
        Process current = process;
        if (current == null) {
            return;
        }
        if (current.isAlive()) {
            List<ProcessHandle> tree = new java.util.ArrayList<>();
            tree.add(current.toHandle());
            current.descendants().forEach(tree::add);
            boolean signalled = "TERM".equals(stopSignal) ? destroy(current) : ProcessTrees.signal(current.toHandle(),
                    stopSignal);
            if (!signalled || !ProcessTrees.awaitGone(tree, stopTimeout)) {
                LOG.warn("{}: did not stop within {}s after SIG{}; killing it", name, stopTimeout.toSeconds(),
                        stopSignal);
                ProcessTrees.killAndWait(current.toHandle(), stopTimeout);
            }
        }
        forget(current);
    }

    private static boolean destroy(Process current) {
        current.destroy();
        return true;
    }

    /** SIGKILLs the process and its descendants and waits until they are gone. */
    public void kill() {
        Process current = process;
        if (current == null) {
            return;
        }
        if (!ProcessTrees.killAndWait(current.toHandle(), Duration.ofSeconds(30))) {
            LOG.warn("{}: some processes were still present 30s after SIGKILL", name);
        }
        forget(current);
    }

    private void forget(Process current) {
        try {
            current.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RunningServers.remove(this);
        if (process == current) {
            process = null;
        }
    }
}
