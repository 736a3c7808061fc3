package io.cairn.embedded.internal;

import io.cairn.embedded.EmbeddedServerException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs a short helper command (initdb, install-db, a client) to completion, logging to the server log. */
public final class CommandRunner {
    private final String server;
    private final Path workingDirectory;
    private final Map<String, String> environment;
    private final ServerLog log;

    public CommandRunner(String server, Path workingDirectory, Map<String, String> environment, ServerLog log) {
        this.server = server;
        this.workingDirectory = workingDirectory;
        this.environment = environment;
        this.log = log;
    }

    /** The result of one command: its exit code and what it printed. */
    public record Result(int exitCode, String output) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** Runs {@code command} as the server user, feeding {@code input} on stdin; kills it at the timeout. */
    public Result run(List<String> command, Optional<String> input, Duration timeout) {
        long offset = log.size();
        ProcessBuilder builder = new ProcessBuilder(ServerUser.current().wrap(command))
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.file().toFile()));
        builder.environment().putAll(environment);
        if (input.isEmpty()) {
            builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new EmbeddedServerException(server + ": cannot run " + command.get(0) + ": " + e.getMessage()
                    + "; check that it is installed and executable", e);
        }
        try {
            if (input.isPresent()) {
                try (OutputStream stdin = process.getOutputStream()) {
                    stdin.write(input.get().getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessTrees.killAndWait(process.toHandle(), Duration.ofSeconds(10));
                throw new EmbeddedServerException(server + ": " + Path.of(command.get(0)).getFileName()
                        + " did not finish within " + timeout.toSeconds() + "s; see the log tail",
                        ServerLog.lastLines(log.since(offset), 30), null);
            }
            return new Result(process.exitValue(), log.since(offset));
        } catch (IOException e) {
            ProcessTrees.killAndWait(process.toHandle(), Duration.ofSeconds(10));
            throw new EmbeddedServerException(server + ": cannot feed input to " + command.get(0) + ": " + e.getMessage(),
                    ServerLog.lastLines(log.since(offset), 30), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessTrees.killAndWait(process.toHandle(), Duration.ofSeconds(10));
            throw new EmbeddedServerException(server + ": interrupted while running " + command.get(0), e);
        }
    }
}
