package io.cairn.dump.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of an external tool (pg_dump, pg_restore, psql, mariadb-dump, mariadb). Secrets go
 * only through the environment or files the caller prepares, never through the arguments, which
 * are logged. Stderr is drained by a thread into a bounded tail for error messages, so a chatty
 * tool can never block on a full pipe. Closing kills the tool and every process it forked.
 */
public final class ChildProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
    private static final int STDERR_TAIL = 16 * 1024;

    private final String name;
    private final Process process;
    private final StringBuilder stderr = new StringBuilder();
    private final Thread stderrReader;

    private ChildProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stderrReader = new Thread(this::drainStderr, "cairn-dump-" + name + "-stderr");
        stderrReader.setDaemon(true);
        stderrReader.start();
    }

    /**
     * Starts {@code command}; {@code environment} is added to this process's environment (a
     * null value removes a variable). Stdout is a pipe unless {@code discardStdout}.
     */
    public static ChildProcess start(List<String> command, Map<String, String> environment, Optional<Path> directory,
            boolean discardStdout) {
        String name = Path.of(command.get(0)).getFileName().toString();
        ProcessBuilder builder = new ProcessBuilder(command);
        environment.forEach((key, value) -> {
            if (value == null) {
                builder.environment().remove(key);
            } else {
                builder.environment().put(key, value);
            }
        });
        directory.ifPresent(dir -> builder.directory(dir.toFile()));
        if (discardStdout) {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        LOG.debug("running {}", command);
        try {
            return new ChildProcess(name, builder.start());
        } catch (IOException e) {
            throw new CairnException(ErrorCode.MISSING_DEPENDENCY, "cannot run " + command.get(0) + ": "
                    + e.getMessage() + " (is it installed and executable?)", e);
        }
    }

    public String name() {
        return name;
    }

    public InputStream stdout() {
        return process.getInputStream();
    }

    public OutputStream stdin() {
        return process.getOutputStream();
    }

    /** Reads all of stdout (for tools that print a short answer), then waits for the exit. */
    public String readOutput() {
        try (InputStream out = process.getInputStream()) {
            return new String(out.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CairnException(ErrorCode.STORAGE, "reading the output of " + name + " failed: " + e.getMessage(), e);
        }
    }

    /** Waits for the exit; returns the exit code. */
    public int waitFor() {
        try {
            int code = process.waitFor();
            stderrReader.join(5000);
            return code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new CairnException(ErrorCode.INTERRUPTED, name + " was interrupted", e);
        }
    }

    /** The last part of what the tool wrote to stderr (complete once {@link #waitFor} returned). */
    public String stderr() {
        synchronized (stderr) {
            return stderr.toString().strip();
        }
    }

    /** The first error-looking line of stderr, else its last line, else a note that it was silent. */
    public String errorLine() {
        String text = stderr();
        if (text.isEmpty()) {
            return "(no error output)";
        }
        String[] lines = text.split("\n");
        for (String line : lines) {
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("error") || lower.contains("fatal") || lower.contains("denied")) {
                return line.strip();
            }
        }
        return lines[lines.length - 1].strip();
    }

    private void drainStderr() {
        byte[] buffer = new byte[8192];
        try (InputStream in = process.getErrorStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                String text = new String(buffer, 0, n, StandardCharsets.UTF_8);
                synchronized (stderr) {
                    stderr.append(text);
                    if (stderr.length() > STDERR_TAIL) {
                        stderr.delete(0, stderr.length() - STDERR_TAIL);
                    }
                }
            }
        } catch (IOException e) {
            // the process ended or was killed; what was read so far is kept
        }
    }

    /** Kills the tool and its descendants if still running (a parallel pg_dump forks workers). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly(process.getOutputStream());
        closeQuietly(process.getInputStream());
    }

    private static void closeQuietly(AutoCloseable stream) {
        try {
            stream.close();
        } catch (Exception e) {
            // nothing useful to do with a failed close of a dead process's pipe
        }
    }
}
