package io.cairn.embedded;

import io.cairn.embedded.internal.ServerDirectories;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * A server written in Java run in a separate child JVM (java from java.home), so that it can be
 * SIGKILLed like any other server. It runs as this JVM's user (Java servers do not refuse root).
 * The main class must log {@code readyLine} once it accepts connections.
 */
public final class JavaServer extends ManagedServer {
    private final String name;
    private final String mainClass;
    private final String classpath;
    private final List<String> jvmOptions;
    private final BiFunction<Integer, Path, List<String>> arguments;
    private final Map<String, String> environment;

    private JavaServer(Builder builder) {
        super(new Kind(builder.name, "cairn-" + builder.name.toLowerCase(Locale.ROOT) + "-", "server.log",
                Objects.requireNonNull(builder.readyLine, "readyLine"), "TERM", false), builder.options);
        this.name = builder.name;
        this.mainClass = Objects.requireNonNull(builder.mainClass, "mainClass");
        this.classpath = builder.classpath != null ? builder.classpath : System.getProperty("java.class.path");
        this.jvmOptions = List.copyOf(builder.jvmOptions);
        this.arguments = builder.arguments;
        this.environment = Map.copyOf(builder.environment);
    }

    public static Builder builder(String name, String mainClass) {
        return new Builder(name, mainClass);
    }

    /** Only the directory: a Java server runs as this JVM's user, so nothing is handed over. */
    @Override
    void prepare() {
        ServerDirectories.prepare(directory(), name);
    }

    @Override
    List<String> command(int candidatePort) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(arguments.apply(candidatePort, directory()));
        return command;
    }

    @Override
    Map<String, String> environment() {
        return environment;
    }

    @Override
    public String toString() {
        return "JavaServer[" + name + ", " + host() + ":" + port() + ", " + directory() + "]";
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
        private final Map<String, String> environment = new java.util.LinkedHashMap<>();
        private final ServerOptions options = new ServerOptions(Duration.ofSeconds(60), Duration.ofSeconds(20));

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
            options.directory(value);
            return this;
        }

        public Builder keepDirectory(boolean value) {
            options.keepDirectory(value);
            return this;
        }

        public Builder port(int value) {
            options.port(value);
            return this;
        }

        public Builder startTimeout(Duration value) {
            options.startTimeout(value);
            return this;
        }

        public Builder stopTimeout(Duration value) {
            options.stopTimeout(value);
            return this;
        }

        public JavaServer build() {
            return new JavaServer(this);
        }
    }
}
