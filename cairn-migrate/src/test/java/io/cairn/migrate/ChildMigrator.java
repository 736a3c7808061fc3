package io.cairn.migrate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link MigratorMain} in a child JVM on the test classpath, with its output lines readable as they come. */
final class ChildMigrator implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private ChildMigrator(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("READ FAILED " + e);
            }
        }, "child-migrator-output");
        reader.setDaemon(true);
        reader.start();
    }

    static ChildMigrator start(String type, String url, String password, Path location, long leaseMillis, String... gate)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                MigratorMain.class.getName(), type, url, location.toString(), Long.toString(leaseMillis)));
        command.addAll(List.of(gate));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MIGRATE_PASSWORD", password);
        return new ChildMigrator(builder.start());
    }

    /** Waits for a line starting with {@code prefix}; fails with everything seen so far after the deadline. */
    String await(String prefix, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new AssertionError("child migrator did not print '" + prefix + "' within " + timeoutSeconds
                        + "s; it printed: " + String.join("\n", seen) + (process.isAlive() ? "" : "\n(exited " + process.exitValue() + ")"));
            }
            seen.add(line);
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    int waitFor(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new AssertionError("child migrator still running after " + timeoutSeconds + "s: " + String.join("\n", seen));
        }
        return process.exitValue();
    }

    /** SIGKILL, as a crash would be. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
