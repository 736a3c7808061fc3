package io.cairn.embedded.internal;

import io.cairn.embedded.EmbeddedServerException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Creates, hands over and deletes server directories. */
public final class ServerDirectories {
    private ServerDirectories() {
    }

    /** A new private directory under java.io.tmpdir (never under /root: the server user must reach it). */
    public static Path createTemporary(String prefix) {
        Path base = Path.of(System.getProperty("java.io.tmpdir", "/tmp"));
        if (ServerUser.current().dropsPrivileges() && !traversableByOthers(base)) {
            base = Path.of("/tmp");
        }
        try {
            return Files.createTempDirectory(base, prefix,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a server directory under " + base, e);
        }
    }

    /** Creates {@code directory} (private) if needed and checks the server user can reach it. */
    public static void prepare(Path directory, String server) {
        try {
            Files.createDirectories(directory);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new EmbeddedServerException(server + ": cannot create directory " + directory + ": " + e.getMessage()
                    + "; choose a writable directory", e);
        }
        Path parent = directory.toAbsolutePath().getParent();
        if (ServerUser.current().dropsPrivileges() && parent != null && !traversableByOthers(parent)) {
            throw new EmbeddedServerException(server + ": directory " + directory + " is below a directory that user '"
                    + ServerUser.current().name() + "' cannot enter; use a directory under /tmp or java.io.tmpdir");
        }
    }

    /** True when every directory from the root down to {@code directory} can be entered by any user. */
    static boolean traversableByOthers(Path directory) {
        for (Path each = directory.toAbsolutePath(); each != null; each = each.getParent()) {
            try {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(each);
                if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** Deletes {@code directory} and everything in it; a missing directory is fine. */
    public static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete server directory " + directory, e);
        }
    }
}
