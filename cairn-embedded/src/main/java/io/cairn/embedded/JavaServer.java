package io.cairn.embedded;

import io.cairn.embedded.internal.FreePorts;
import io.cairn.embedded.internal.ServerDirectories;
import io.cairn.embedded.internal.ServerLog;
import io.cairn.embedded.internal.ServerProcess;
import io.cairn.embedded.internal.StartRetry;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * A server written in Java run in a separate child JVM (java from java.home), so that it can be
 * SIGKILLed like any other server. It runs as this JVM's user (Java servers do not refuse root).
 * The main class must log {@code readyLine} once it accepts connections.
 */
public final class JavaServer implements EmbeddedServer {
    private final String name;
    private final String mainClass;
    private final String classpath;
    private final List<String> jvmOptions;
    private final BiFunction<Integer, Path, List<String>> arguments;
    private final String readyLine;
    private final Path directory;
    private final boolean keepDirectory;
    private final boolean portFixed;
    private final Map<String, String> environment;
    private final Duration startTimeout;
    private final ServerLog log;
    private final ServerProcess process;
    private volatile int port;
    private volatile boolean startedOnce;

    private JavaServer(Builder builder) {
        this.name = builder.name;
        this.mainClass = Objects.requireNonNull(builder.mainClass, "mainClass");
        this.classpath = builder.classpath != null ? builder.classpath : System.getProperty("java.class.path");
        this.jvmOptions = List.copyOf(builder.jvmOptions);
        this.arguments = builder.arguments;
        this.readyLine = Objects.requireNonNull(builder.readyLine, "readyLine");
        this.directory = builder.directory != null ? builder.directory
                : ServerDirectories.createTemporary("cairn-" + name.toLowerCase(java.util.Locale.ROOT) + "-");
        this.keepDirectory = builder.keepDirectory;
        this.portFixed = builder.port != 0;
        this.port = portFixed ? builder.port : FreePorts.pick();
        this.environment = Map.copyOf(builder.environment);
        this.startTimeout = builder.startTimeout;
        this.log = new ServerLog(directory.resolve("server.log"));
        this.process = new ServerProcess(name + " (" + directory + ")", log, directory, "TERM", builder.stopTimeout,
                false);
    }

    public static Builder builder(String name, String mainClass) {
        return new Builder(name, mainClass);
    }

    @Override
    public synchronized void start() {
        if (process.isAlive()) {
            return;
        }
        ServerDirectories.prepare(directory, name);
        port = StartRetry.start(name, port, portFixed || startedOnce, startTimeout, log, failure -> false,
                this::startOn);
        startedOnce = true;
    }

    private void startOn(int candidatePort) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(arguments.apply(candidatePort, directory));
        process.start(command, environment, text -> text.contains(readyLine), candidatePort, startTimeout);
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

    public java.util.Optional<Long> pid() {
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
        return "JavaServer[" + name + ", " + host() + ":" + port + ", " + directory + "]";
    }

    /** Options for a {@link JavaServer}. */
    public static final class Builder {
        private final String name;
        private final String mainClass;
        private String classpath;
        private final List<String> jvmOptions = new ArrayList<>(List.of("-Xss512k", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
        private BiFunction<Integer, Path, List<String>> arguments = (port, directory) -> List.of();
        private String readyLine;
        private Path directory;
        private boolean keepDirectory;
        private int port;
        private final Map<String, String> environment = new java.util.LinkedHashMap<>();
        private Duration startTimeout = Duration.ofSeconds(60);
        private Duration stopTimeout = Duration.ofSeconds(20);

        private Builder(String name, String mainClass) {
            this.name = Objects.requireNonNull(name, "name");
            this.mainClass = Objects.requireNonNull(mainClass, "mainClass");
        }

        /** The child's classpath; default this JVM's java.class.path. */
        public Builder classpath(String value) {
            this.classpath = Objects.requireNonNull(value, "classpath");
            return this;
        }

        public Builder classpath(List<Path> entries) {
            List<String> parts = entries.stream().map(Path::toString).toList();
            return classpath(String.join(File.pathSeparator, parts));
        }

        /** Replaces the default JVM options (small heap-independent settings tuned for fast start). */
        public Builder jvmOptions(List<String> values) {
            jvmOptions.clear();
            jvmOptions.addAll(values);
            return this;
        }

        /** The main method's arguments for a given port and server directory. */
        public Builder arguments(BiFunction<Integer, Path, List<String>> value) {
            this.arguments = Objects.requireNonNull(value, "arguments");
            return this;
        }

        /** The text the server logs once it accepts connections. */
        public Builder readyLine(String value) {
            this.readyLine = Objects.requireNonNull(value, "readyLine");
            return this;
        }

        public Builder environment(String name, String value) {
            environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
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

        public Builder startTimeout(Duration value) {
            this.startTimeout = PostgresServer.Builder.requirePositive(value, "startTimeout");
            return this;
        }

        public Builder stopTimeout(Duration value) {
            this.stopTimeout = PostgresServer.Builder.requirePositive(value, "stopTimeout");
            return this;
        }

        public JavaServer build() {
            return new JavaServer(this);
        }
    }
}
