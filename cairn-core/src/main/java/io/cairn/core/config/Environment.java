package io.cairn.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@code ${NAME}} and {@code ${file:/path}} references in the configuration are resolved.
 * Injectable so tests can supply variables without touching the process environment.
 */
public interface Environment {

    /** The value of an environment variable, if it is set. */
    Optional<String> getenv(String name);

    /** The whole content of a file, as UTF-8 text. */
    String readFile(Path path) throws IOException;

    /** The process environment and the real file system. */
    static Environment system() {
        return new Environment() {
            @Override
            public Optional<String> getenv(String name) {
                return Optional.ofNullable(System.getenv(name));
            }

            @Override
            public String readFile(Path path) throws IOException {
                return Files.readString(path);
            }
        };
    }

    /** The given variables only, and the real file system. */
    static Environment of(Map<String, String> variables) {
        Map<String, String> copy = Map.copyOf(Objects.requireNonNull(variables, "variables"));
        return new Environment() {
            @Override
            public Optional<String> getenv(String name) {
                return Optional.ofNullable(copy.get(name));
            }

            @Override
            public String readFile(Path path) throws IOException {
                return Files.readString(path);
            }
        };
    }
}
