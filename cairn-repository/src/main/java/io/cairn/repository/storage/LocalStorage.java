package io.cairn.repository.storage;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A repository in a local directory.
 *
 * <p>Crash safety of {@link #write}: the content goes to a hidden temporary file in the target's
 * directory, which is fsynced, then renamed over the target (atomic on POSIX file systems), then
 * the directory is fsynced so the rename itself is durable. A crash leaves either the old state or
 * the new one, plus at worst a hidden {@code .tmp-*} file that {@link #removeLeftovers} deletes.
 * New directories are fsynced into their parents the same way.
 *
 * <p>Ranged reads of packs reuse open channels ({@link OpenFiles}): a restore reads thousands of
 * blobs from few packs. That is safe because a pack's name is the hash of its content, so a name
 * never refers to other bytes; a deleted pack stays readable through an open channel, which is
 * also what a reader that started before a prune must see.
 */
public final class LocalStorage implements Storage {
    private static final String TEMPORARY_PREFIX = ".tmp-";
    private static final String PACK_DIRECTORY = "data/";

    private final Path root;
    private final OpenFiles packChannels;

    public LocalStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.packChannels = new OpenFiles(this.root, 32);
    }

    public Path root() {
        return root;
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public List<StoredObject> list(String prefix) {
        Path start = resolve(prefix.endsWith("/") || prefix.isEmpty() ? prefix : parentOf(prefix));
        List<StoredObject> objects = new ArrayList<>();
        try {
            collect(start, prefix, objects);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw failure("list " + prefix, e);
        }
        return objects;
    }

    /**
     * Lists {@code directory} recursively without Files.walk, because other processes write
     * (temp file, then rename) and prune deletes while we list: an entry that vanishes between
     * the directory read and its stat is simply not there, never an error. Hidden entries are
     * temp files of writes in progress.
     */
    private void collect(Path directory, String prefix, List<StoredObject> objects) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (entry.getFileName().toString().startsWith(".")) {
                    continue;
                }
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    collect(entry, prefix, objects);
                } else {
                    String name = nameOf(entry);
                    if (name.startsWith(prefix)) {
                        stat(name).ifPresent(objects::add);
                    }
                }
            }
        } catch (NoSuchFileException | NotDirectoryException vanished) {
            // the directory was removed (or never existed): nothing in it to list
        }
    }

    @Override
    public byte[] read(String name) {
        try {
            return Files.readAllBytes(resolve(name));
        } catch (IOException e) {
            throw failure("read " + name, e);
        }
    }

    @Override
    public byte[] read(String name, long offset, int length) {
        if (name.startsWith(PACK_DIRECTORY)) {
            for (int attempt = 1; ; attempt++) {
                try {
                    return read(packChannels.open(name), offset, length);
                } catch (java.nio.channels.ClosedChannelException e) {
                    if (attempt == 3 || Thread.currentThread().isInterrupted()) {
                        throw failure("read " + name, e);
                    }
                    // evicted (closed) by another thread while we read: open it again
                } catch (IOException e) {
                    throw failure("read " + name, e);
                }
            }
        }
        try (FileChannel channel = FileChannel.open(resolve(name), StandardOpenOption.READ)) {
            return read(channel, offset, length);
        } catch (IOException e) {
            throw failure("read " + name, e);
        }
    }

    @Override
    public int readInto(String name, long offset, int length, byte[] into) {
        if (!name.startsWith(PACK_DIRECTORY)) {
            return Storage.super.readInto(name, offset, length, into);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                FileChannel channel = packChannels.open(name);
                int available = (int) Math.max(0, Math.min(length, channel.size() - offset));
                ByteBuffer buffer = ByteBuffer.wrap(into, 0, available);
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, offset + buffer.position()) < 0) {
                        break;
                    }
                }
                return buffer.position();
            } catch (java.nio.channels.ClosedChannelException e) {
                if (attempt == 3 || Thread.currentThread().isInterrupted()) {
                    throw failure("read " + name, e);
                }
                // evicted (closed) by another thread while we read: open it again
            } catch (IOException e) {
                throw failure("read " + name, e);
            }
        }
    }

    private static byte[] read(FileChannel channel, long offset, int length) throws IOException {
        int available = (int) Math.max(0, Math.min(length, channel.size() - offset));
        ByteBuffer buffer = ByteBuffer.allocate(available);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                break;
            }
        }
        return buffer.position() == available ? buffer.array() : java.util.Arrays.copyOf(buffer.array(), buffer.position());
    }

    @Override
    public void write(String name, byte[] content) {
        Path target = resolve(name);
        Path directory = target.getParent();
        Path temporary = directory.resolve(TEMPORARY_PREFIX + target.getFileName() + "-" + UUID.randomUUID());
        try {
            createDirectories(directory);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(directory);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw failure("write " + name, e);
        }
    }

    @Override
    public boolean delete(String name) {
        Path target = resolve(name);
        try {
            boolean deleted = Files.deleteIfExists(target);
            if (deleted) {
                syncDirectory(target.getParent());
            }
            return deleted;
        } catch (IOException e) {
            throw failure("delete " + name, e);
        }
    }

    @Override
    public Optional<StoredObject> stat(String name) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(resolve(name), BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(new StoredObject(name, attributes.size(), attributes.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("stat " + name, e);
        }
    }

    @Override
    public void close() {
        packChannels.close();
    }

    @Override
    public int removeLeftovers(Instant olderThan) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().startsWith(TEMPORARY_PREFIX)
                        && Files.getLastModifiedTime(file).toInstant().isBefore(olderThan)
                        && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw failure("clean temporary files", e);
        }
        return removed;
    }

    private Path resolve(String name) {
        if (name.contains("..") || name.startsWith("/")) {
            throw new IllegalArgumentException("not a repository-relative name: " + name);
        }
        return name.isEmpty() ? root : root.resolve(name);
    }

    private String nameOf(Path file) {
        return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    private static String parentOf(String prefix) {
        int slash = prefix.lastIndexOf('/');
        return slash < 0 ? "" : prefix.substring(0, slash + 1);
    }

    /** Creates missing directories one level at a time and fsyncs each parent, so they survive a crash. */
    private void createDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        createDirectories(directory.getParent());
        try {
            Files.createDirectory(directory);
            syncDirectory(directory.getParent());
        } catch (FileAlreadyExistsException e) {
            // another writer created it first; it was synced by that writer
        }
    }

    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private CairnException failure(String action, Exception e) {
        Throwable cause = e instanceof java.io.UncheckedIOException unchecked ? unchecked.getCause() : e;
        if (cause instanceof NoSuchFileException) {
            return new CairnException(ErrorCode.NOT_FOUND, "repository " + root + ": cannot " + action
                    + ": no such file", e);
        }
        if (cause instanceof AccessDeniedException) {
            return new CairnException(ErrorCode.PERMISSION_DENIED, "repository " + root + ": cannot " + action
                    + ": permission denied; check the owner and mode of " + root, e);
        }
        if (isDiskFull(cause)) {
            return new CairnException(ErrorCode.STORAGE, "repository " + root + ": cannot " + action
                    + ": no space left on device; free space on the device holding " + root
                    + " or point the repository elsewhere, then run the command again (what was written is reused)", e);
        }
        return new CairnException(ErrorCode.STORAGE, "repository " + root + ": cannot " + action + ": "
                + cause.getMessage(), e);
    }

    /** ENOSPC: Java reports it only as the operating system's text, on the exception or its reason. */
    private static boolean isDiskFull(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("No space left on device")) {
                return true;
            }
        }
        return false;
    }
}
