package io.cairn.embedded.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Signals and waits for a process and all its descendants. */
public final class ProcessTrees {
    private ProcessTrees() {
    }

    /**
     * SIGKILLs {@code root} and every descendant, then waits until all are gone. Descendants are
     * collected before the root dies, because once it is gone they are re-parented and can no
     * longer be found from it.
     */
    public static boolean killAndWait(ProcessHandle root, Duration timeout) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        for (ProcessHandle each : tree) {
            each.destroyForcibly();
        }
        // A descendant forked in the instant before the kill is caught by a second sweep.
        List<ProcessHandle> late = new ArrayList<>();
        for (ProcessHandle each : tree) {
            each.descendants().forEach(late::add);
        }
        late.forEach(ProcessHandle::destroyForcibly);
        tree.addAll(late);
        return awaitGone(tree, timeout);
    }

    /** Waits until every process in {@code processes} has exited (zombies count as exited). */
    public static boolean awaitGone(List<ProcessHandle> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle each : processes) {
            while (!isGone(each)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    each.onExit().get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    // poll again: onExit of a non-child can lag, and zombies never complete it
                } catch (java.util.concurrent.ExecutionException e) {
                    return isGone(each);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /** True when the process has exited or is a zombie that nobody has reaped yet. */
    public static boolean isGone(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"),
                    StandardCharsets.UTF_8);
            int afterName = stat.lastIndexOf(')');
            return afterName > 0 && afterName + 2 < stat.length() && stat.charAt(afterName + 2) == 'Z';
        } catch (IOException e) {
            return true;
        }
    }

    /** Sends {@code signal} (e.g. "INT", "TERM") to one process; false when it could not be sent. */
    public static boolean signal(ProcessHandle process, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
