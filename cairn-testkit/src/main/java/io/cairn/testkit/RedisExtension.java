package io.cairn.testkit;

import io.cairn.embedded.RedisServer;
import io.cairn.testkit.internal.TestDirectories;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A throwaway Redis server: {@code @RegisterExtension static final RedisExtension redis = RedisExtension.create();}
 * No persistence (save "" and appendonly no), so data does not survive a restart unless
 * built with {@code persistence(true)}.
 */
public final class RedisExtension extends ServerExtension {
    private final Optional<String> password;
    private final boolean persistence;
    private volatile RedisServer server;

    private RedisExtension(Builder builder) {
        this.password = Optional.ofNullable(builder.password);
        this.persistence = builder.persistence;
    }

    public static RedisExtension create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public synchronized RedisServer server() {
        if (server == null) {
            RedisServer.Builder builder = RedisServer.builder()
                    .directory(TestDirectories.create("redis"))
                    .keepDirectory(TestDirectories.keep());
            password.ifPresent(builder::password);
            if (persistence) {
                builder.appendOnly(true);
            }
            server = builder.build();
        }
        return server;
    }

    @Override
    public void start() {
        server().start();
    }

    @Override
    public void stop() {
        server().stop();
    }

    @Override
    public void kill() {
        server().kill();
    }

    @Override
    public void restart() {
        server().restart();
    }

    @Override
    public boolean isRunning() {
        RedisServer current = server;
        return current != null && current.isRunning();
    }

    @Override
    public synchronized void close() {
        RedisServer current = server;
        server = null;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public int port() {
        return server().port();
    }

    /** Always "": the kit's Redis uses the default user. */
    @Override
    public String user() {
        return "";
    }

    @Override
    public String password() {
        return password.orElse("");
    }

    @Override
    public String cairnUrl() {
        return "redis://" + host() + ":" + port() + "/0";
    }

    @Override
    public Path directory() {
        return server().directory();
    }

    @Override
    public String logTail(int lines) {
        return server().logTail(lines);
    }

    @Override
    public String toString() {
        RedisServer current = server;
        return current == null ? "RedisExtension[not started]" : "RedisExtension[" + current + "]";
    }

    /** Options: password (requirepass) and persistence (appendonly yes). */
    public static final class Builder {
        private String password;
        private boolean persistence;

        private Builder() {
        }

        public Builder password(String value) {
            this.password = Objects.requireNonNull(value, "password");
            return this;
        }

        /** appendonly yes, so data survives stop/start and kill; default off. */
        public Builder persistence(boolean value) {
            this.persistence = value;
            return this;
        }

        public RedisExtension build() {
            return new RedisExtension(this);
        }
    }
}
