package io.cairn.embedded;

import io.cairn.embedded.internal.Executables;
import io.cairn.embedded.internal.FreePorts;
import io.cairn.embedded.internal.ServerDirectories;
import io.cairn.embedded.internal.ServerLog;
import io.cairn.embedded.internal.ServerProcess;
import io.cairn.embedded.internal.ServerUser;
import io.cairn.embedded.internal.StartRetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A redis-server on a loopback port, in the foreground ({@code --daemonize no}), with persistence
 * off unless configured. The password, when set, is written to a private config file rather than
 * the command line, so it does not show up in process listings.
 */
public final class RedisServer implements EmbeddedServer {
    private static final String READY = "Ready to accept connections";

    private final Path executable;
    private final Path directory;
    private final boolean ownsDirectory;
    private final boolean keepDirectory;
    private final boolean portFixed;
    private final Optional<String> password;
    private final String save;
    private final boolean appendOnly;
    private final Duration startTimeout;
    private final ServerLog log;
    private final ServerProcess process;
    private volatile int port;
    private volatile boolean startedOnce;

    private RedisServer(Builder builder) {
        this.executable = builder.executable != null ? builder.executable : Executables.findSystem("redis-server")
                .orElseThrow(() -> new EmbeddedServerException(
                        "Redis server binary (redis-server) not found on PATH, /usr/bin or /usr/sbin: install it (apt-get install redis-server)"));
        this.ownsDirectory = builder.directory == null;
        this.directory = ownsDirectory ? ServerDirectories.createTemporary("cairn-redis-") : builder.directory;
        this.keepDirectory = builder.keepDirectory;
        this.portFixed = builder.port != 0;
        this.port = portFixed ? builder.port : FreePorts.pick();
        this.password = Optional.ofNullable(builder.password);
        this.save = builder.save;
        this.appendOnly = builder.appendOnly;
        this.startTimeout = builder.startTimeout;
        this.log = new ServerLog(directory.resolve("redis.log"));
        this.process = new ServerProcess("Redis (" + directory + ")", log, directory, "TERM", builder.stopTimeout);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public synchronized void start() {
        if (process.isAlive()) {
            return;
        }
        ServerDirectories.prepare(directory, "Redis");
        writeConfig();
        ServerUser.current().own(directory);
        port = StartRetry.start("Redis", port, portFixed || startedOnce, startTimeout, log, failure -> false,
                this::startOn);
        startedOnce = true;
    }

    private void writeConfig() {
        Path config = directory.resolve("redis.conf");
        String text = "# written by cairn-embedded\n"
                + password.map(secret -> "requirepass " + secret + "\n").orElse("");
        try {
            Files.writeString(config, text);
            Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
    }

    private void startOn(int candidatePort) {
        List<String> command = List.of(executable.toString(), directory.resolve("redis.conf").toString(),
                "--port", Integer.toString(candidatePort), "--bind", "127.0.0.1", "--dir", directory.toString(),
                "--save", save, "--appendonly", appendOnly ? "yes" : "no", "--daemonize", "no",
                "--protected-mode", "no", "--logfile", "");
        process.start(command, Map.of("HOME", directory.toString()), text -> text.contains(READY), candidatePort,
                startTimeout);
    }

    @Override
    public synchronized void stop() {
        process.stop();
    }

    @Override
    public synchronized void kill() {
        process.kill();
    }

    @Override
    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public Path directory() {
        return directory;
    }

    /** The password clients must AUTH with, when one was configured. */
    public Optional<String> password() {
        return password;
    }

    public Optional<Long> pid() {
        return process.pid();
    }

    @Override
    public String logTail(int lines) {
        return log.tail(lines);
    }

    @Override
    public synchronized void close() {
        stop();
        if (!keepDirectory) {
            ServerDirectories.deleteRecursively(directory);
        }
    }

    @Override
    public String toString() {
        return "RedisServer[" + host() + ":" + port + ", " + directory + "]";
    }

    /** Options for a {@link RedisServer}. */
    public static final class Builder {
        private Path executable;
        private Path directory;
        private boolean keepDirectory;
        private int port;
        private String password;
        private String save = "";
        private boolean appendOnly;
        private Duration startTimeout = Duration.ofSeconds(30);
        private Duration stopTimeout = Duration.ofSeconds(20);

        private Builder() {
        }

        /** The redis-server binary; default found on PATH, /usr/bin, /usr/sbin. */
        public Builder executable(Path value) {
            this.executable = Objects.requireNonNull(value, "executable");
            return this;
        }

        public Builder directory(Path value) {
            this.directory = Objects.requireNonNull(value, "directory").toAbsolutePath();
            return this;
        }

        public Builder keepDirectory(boolean value) {
            this.keepDirectory = value;
            return this;
        }

        public Builder port(int value) {
            if (value < 1 || value > 65535) {
                throw new IllegalArgumentException("port must be 1..65535, got " + value);
            }
            this.port = value;
            return this;
        }

        /** requirepass; default none. */
        public Builder password(String value) {
            if (Objects.requireNonNull(value, "password").isEmpty() || value.matches(".*\\s.*")) {
                throw new IllegalArgumentException("password must be non-empty without whitespace");
            }
            this.password = value;
            return this;
        }

        /** The RDB save schedule, e.g. "3600 1"; default "" (no snapshots). */
        public Builder save(String value) {
            this.save = Objects.requireNonNull(value, "save");
            return this;
        }

        /** appendonly yes/no; default no. */
        public Builder appendOnly(boolean value) {
            this.appendOnly = value;
            return this;
        }

        public Builder startTimeout(Duration value) {
            this.startTimeout = PostgresServer.Builder.requirePositive(value, "startTimeout");
            return this;
        }

        public Builder stopTimeout(Duration value) {
            this.stopTimeout = PostgresServer.Builder.requirePositive(value, "stopTimeout");
            return this;
        }

        public RedisServer build() {
            return new RedisServer(this);
        }
    }
}
