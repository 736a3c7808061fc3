package io.cairn.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The builder settings every embedded server has (directory, keepDirectory, port, start and stop
 * timeouts), validated in one place so the servers cannot drift apart. Each public builder keeps
 * its own setters, returning its own type, and hands the value on to this holder: that keeps the
 * builders' signatures exactly as published. Package-private: not part of the API.
 */
final class ServerOptions {
    private Path directory;
    private boolean keepDirectory;
    private int port;
    private Duration startTimeout;
    private Duration stopTimeout;

    /** The timeouts differ per server (PostgreSQL's initdb is slow, Redis is quick), so the builder says. */
    ServerOptions(Duration startTimeout, Duration stopTimeout) {
        this.startTimeout = startTimeout;
        this.stopTimeout = stopTimeout;
    }

    void directory(Path value) {
        this.directory = Objects.requireNonNull(value, "directory").toAbsolutePath();
    }

    void keepDirectory(boolean value) {
        this.keepDirectory = value;
    }

    void port(int value) {
        if (value < 1 || value > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + value);
        }
        this.port = value;
    }

    void startTimeout(Duration value) {
        this.startTimeout = requirePositive(value, "startTimeout");
    }

    void stopTimeout(Duration value) {
        this.stopTimeout = requirePositive(value, "stopTimeout");
    }

    /** Empty when the server should make its own temporary directory. */
    Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    boolean keepDirectory() {
        return keepDirectory;
    }

    /** Empty when the server should pick a free loopback port at construction. */
    Optional<Integer> port() {
        return port == 0 ? Optional.empty() : Optional.of(port);
    }

    Duration startTimeout() {
        return startTimeout;
    }

    Duration stopTimeout() {
        return stopTimeout;
    }

    static Duration requirePositive(Duration value, String what) {
        if (Objects.requireNonNull(value, what).isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
        return value;
    }
}
