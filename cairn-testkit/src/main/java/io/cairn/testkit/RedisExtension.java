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
public final class RedisExtension extends ServerExtension<RedisServer> {
    private final Optional<String> password;
    private final boolean persistence;

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

    @Override
    protected RedisServer createServer() {
        RedisServer.Builder builder = RedisServer.builder()
                .directory(TestDirectories.create("redis"))
                .keepDirectory(TestDirectories.keep());
        password.ifPresent(builder::password);
        if (persistence) {
            builder.appendOnly(true);
        }
        return builder.build();
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
