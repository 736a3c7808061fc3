package io.cairn.embedded.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every server process started by this JVM that has not been stopped yet. One JVM shutdown hook
 * stops them all, so a test run or a quickstart that exits (normally or by SIGTERM/Ctrl-C) leaves
 * no server behind. This is process-wide state on purpose: the hook is process-wide too.
 */
final class RunningServers {
    private static final Set<ServerProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(RunningServers::stopAll, "cairn-embedded-shutdown"));
    }

    private RunningServers() {
    }

    static void add(ServerProcess process) {
        RUNNING.add(process);
    }

    static void remove(ServerProcess process) {
        RUNNING.remove(process);
    }

    private static void stopAll() {
        List<ServerProcess> snapshot = new ArrayList<>(RUNNING);
        // Stop in parallel: each graceful stop may take seconds and the JVM is waiting to exit.
        List<Thread> stoppers = new ArrayList<>();
        for (ServerProcess process : snapshot) {
            Thread stopper = new Thread(process::stop, "cairn-stop-" + process.name());
            stopper.start();
            stoppers.add(stopper);
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
