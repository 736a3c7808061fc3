package io.cairn.embedded;

import io.cairn.embedded.internal.Executables;
import io.cairn.embedded.internal.FreePorts;
import io.cairn.embedded.internal.ServerDirectories;
import io.cairn.embedded.internal.ServerUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A redis-server on a loopback port, in the foreground ({@code --daemonize no}), with persistence
 * off unless configured. The password, when set, is written to a private config file rather than
 * the command line, so it does not show up in process listings.
 *
 * <p>With {@code clusterNode(true)} it runs in cluster mode ({@code cluster-enabled yes}) with its
 * node state in {@code nodes.conf} of its directory, so a restarted node rejoins its cluster under
 * the same node id; its cluster bus port is picked once, like the client port, and kept (the
 * default bus port, port + 10000, may not exist for high ephemeral ports).
 */
public final class RedisServer extends ManagedServer {
    private static final String READY = "Ready to accept connections";

    private final Path executable;
    private final Optional<String> password;
    private final String save;
    private final boolean appendOnly;
    private final boolean clusterNode;
    private final Duration clusterNodeTimeout;
    private volatile int clusterBusPort;

    private RedisServer(Builder builder) {
        // the binary first: when it is missing, fail before a temporary directory is made
        this(builder, builder.executable != null ? builder.executable : Executables.findSystem("redis-server")
                .orElseThrow(() -> new EmbeddedServerException(
                        "Redis server binary (redis-server) not found on PATH, /usr/bin or /usr/sbin: install it (apt-get install redis-server)")));
    }

    private RedisServer(Builder builder, Path executable) {
        super(new Kind("Redis", "cairn-redis-", "redis.log", READY, "TERM", true), builder.options);
        this.executable = executable;
        this.password = Optional.ofNullable(builder.password);
        this.save = builder.save;
        this.appendOnly = builder.appendOnly;
        this.clusterNode = builder.clusterNode;
        this.clusterNodeTimeout = builder.clusterNodeTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The config file is rewritten at every start, so it always matches this object's settings. */
    @Override
    void prepare() {
        ServerDirectories.prepare(directory(), "Redis");
        writeConfig();
        ServerUser.current().own(directory());
    }

    private void writeConfig() {
        Path config = directory().resolve("redis.conf");
        String text = "# written by cairn-embedded\n"
                + password.map(secret -> "requirepass " + secret + "\n").orElse("");
        try {
            Files.writeString(config, text);
            Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
    }

    @Override
    List<String> command(int candidatePort) {
        List<String> command = new ArrayList<>(List.of(executable.toString(), directory().resolve("redis.conf").toString(),
                "--port", Integer.toString(candidatePort), "--bind", "127.0.0.1", "--dir", directory().toString(),
                "--save", save, "--appendonly", appendOnly ? "yes" : "no", "--daemonize", "no",
                "--protected-mode", "no", "--logfile", ""));
        if (clusterNode) {
            if (clusterBusPort == 0 || clusterBusPort == candidatePort) {
                clusterBusPort = pickOtherThan(candidatePort);
            }
            command.addAll(List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                    "--cluster-port", Integer.toString(clusterBusPort),
                    "--cluster-node-timeout", Long.toString(clusterNodeTimeout.toMillis()),
                    // a test cluster must fail over even when the replica's data is older than usual
                    "--cluster-replica-validity-factor", "0"));
        }
        return command;
    }

    private static int pickOtherThan(int port) {
        int picked = FreePorts.pick();
        return picked == port ? FreePorts.pick() : picked;
    }

    /** True when the server runs in cluster mode. */
    public boolean isClusterNode() {
        return clusterNode;
    }

    /** The cluster bus port (gossip between nodes), once started in cluster mode; 0 before. */
    public int clusterBusPort() {
        return clusterBusPort;
    }

    @Override
    Map<String, String> environment() {
        return Map.of("HOME", directory().toString());
    }

    /** The password clients must AUTH with, when one was configured. */
    public Optional<String> password() {
        return password;
    }

    /** Options for a {@link RedisServer}. */
    public static final class Builder {
        private Path executable;
        private final ServerOptions options = new ServerOptions(Duration.ofSeconds(30), Duration.ofSeconds(20));
        private String password;
        private String save = "";
        private boolean appendOnly;
        private boolean clusterNode;
        private Duration clusterNodeTimeout = Duration.ofSeconds(15);

        private Builder() {
        }

        /** The redis-server binary; default found on PATH, /usr/bin, /usr/sbin. */
        public Builder executable(Path value) {
            this.executable = Objects.requireNonNull(value, "executable");
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

        /** requirepass; default none. */
        public Builder password(String value) {
            if (Objects.requireNonNull(value, "password").isEmpty() || value.matches(".*\\s.*")) {
                throw new IllegalArgumentException("password must be non-empty without whitespace");
            }
            this.password = value;
            return this;
        }

        /**
         * Cluster mode (cluster-enabled yes, nodes.conf in the server directory, a bus port of its
         * own); default off. The node starts empty: a cluster is formed by the caller (CLUSTER MEET,
         * ADDSLOTS, REPLICATE), e.g. by cairn-testkit's RedisClusterExtension.
         */
        public Builder clusterNode(boolean value) {
            this.clusterNode = value;
            return this;
        }

        /** cluster-node-timeout: how long a silent node takes to be marked failed; default 15s (Redis's default). */
        public Builder clusterNodeTimeout(Duration value) {
            if (Objects.requireNonNull(value, "clusterNodeTimeout").toMillis() < 100) {
                throw new IllegalArgumentException("clusterNodeTimeout must be at least 100ms");
            }
            this.clusterNodeTimeout = value;
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
            options.startTimeout(value);
            return this;
        }

        public Builder stopTimeout(Duration value) {
            options.stopTimeout(value);
            return this;
        }

        public RedisServer build() {
            return new RedisServer(this);
        }
    }
}
