package io.cairn.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Temp directories of the kit: /tmp/cairn-test-{kind}-…, kept only when CAIRN_KEEP_SERVERS=1. */
public final class TestDirectories {
    private TestDirectories() {
    }

    /** A new private directory /tmp/cairn-test-{kind}-{random}. */
    public static Path create(String kind) {
        Path base = Path.of("/tmp");
        try {
            return Files.createTempDirectory(base, "cairn-test-" + kind + "-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a test server directory under " + base, e);
        }
    }

    /** True when CAIRN_KEEP_SERVERS=1 (or the system property cairn.keepServers=true) asks to keep directories. */
    public static boolean keep() {
        return "1".equals(System.getenv("CAIRN_KEEP_SERVERS")) || Boolean.getBoolean("cairn.keepServers");
    }
}
