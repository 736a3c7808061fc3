package io.cairn.testkit.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The classpath of the s3proxy child JVM: the testkit itself plus the jars listed at build time
 * (paths relative to the local Maven repository). Kept apart from the test classpath so that
 * s3proxy's Jetty, Guava and jclouds never meet the code under test.
 */
public final class S3ProxyClasspath {
    private static final String PLACEHOLDER = "@M2_REPO@";
    private static final List<String> LISTS = List.of("s3proxy-compile.classpath", "s3proxy-runtime.classpath");

    private S3ProxyClasspath() {
    }

    /** The child's classpath entries; fails with the missing jar and the fix when one is absent. */
    public static List<Path> entries() {
        Path repository = localRepository();
        Set<Path> entries = new LinkedHashSet<>();
        entries.add(ownLocation());
        for (String list : LISTS) {
            for (String entry : read(list).split(":")) {
                if (!entry.isBlank()) {
                    entries.add(Path.of(entry.strip().replace(PLACEHOLDER, repository.toString())));
                }
            }
        }
        for (Path entry : entries) {
            if (!Files.exists(entry)) {
                throw new IllegalStateException("s3proxy classpath entry " + entry + " is missing: build cairn-testkit"
                        + " online once (mvn -pl cairn-testkit install) so Maven downloads s3proxy's dependencies");
            }
        }
        return List.copyOf(entries);
    }

    private static String read(String name) {
        try (InputStream in = S3ProxyClasspath.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing from cairn-testkit: rebuild it with Maven");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    /** The jar or classes directory this class was loaded from (the child needs S3ProxyMain). */
    private static Path ownLocation() {
        return codeLocation(S3ProxyClasspath.class)
                .orElseThrow(() -> new IllegalStateException("cannot locate the cairn-testkit classes"));
    }

    /**
     * The local Maven repository: -Dmaven.repo.local, else derived from where the JUnit API jar
     * was loaded from (it sits in the same repository), else ~/.m2/repository.
     */
    static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Optional<Path> junit = codeLocation(org.junit.jupiter.api.Test.class);
        if (junit.isPresent()) {
            // …/repository/org/junit/jupiter/junit-jupiter-api/{version}/junit-jupiter-api-{version}.jar
            Path candidate = junit.get();
            for (int i = 0; i < 6 && candidate != null; i++) {
                candidate = candidate.getParent();
            }
            if (candidate != null && Files.isDirectory(candidate.resolve("org/junit"))) {
                return candidate;
            }
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static Optional<Path> codeLocation(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
