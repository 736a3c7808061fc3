package io.cairn.dump;

import java.nio.file.Path;

/**
 * An installed client program and the version it reports, e.g. {@code pg_dump 15.8} or
 * {@code mariadb-dump 10.11.6}; what {@link io.cairn.dump.postgres.PostgresTools} finds. Ordered by
 * major, then minor version.
 *
 * @param path    the executable
 * @param program its file name, e.g. {@code pg_dump}
 * @param version the version as the program prints it, e.g. {@code 15.8}
 */
public record ToolVersion(Path path, String program, int major, int minor, String version) implements Comparable<ToolVersion> {
    @Override
    public int compareTo(ToolVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    /** {@code pg_dump 15.8}. */
    public String describe() {
        return program + " " + version;
    }
}
