package io.cairn.tx.internal.xa;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The coordinator's durable log on local disk: one append-only file {@code coordinator.log} of
 * checksummed records, {@code [length u32][crc32c u32][payload]}, the payload one UTF-8 line:
 * {@code H <coordinator>} (header), {@code C|R <gid> <millis> <db,db> coordinator|operator}
 * (a decision), {@code D <gid>} (done). A second process is kept out by a lock on
 * {@code coordinator.lock}.
 *
 * <p>Write order, which makes presumed abort safe:
 * <ol>
 * <li>A commit decision ({@code C}) is appended and forced to disk ({@code fsync}) before any
 * participant is told to COMMIT PREPARED. So a prepared branch whose gid has no decision in the
 * log was never committed anywhere, and rolling it back (presumed abort) cannot split the
 * outcome. No abort record is ever needed.</li>
 * <li>{@code D} is appended only after every participant's branch was confirmed committed or
 * gone. It is not forced: if it is lost in a crash, recovery finds the decision again, sees no
 * branch left and writes it again; the check is idempotent.</li>
 * <li>Compaction writes the live decisions to a new file, forces it, renames it over the old one
 * and forces the directory; until the rename the old file is complete.</li>
 * </ol>
 * A record cut short by a crash (its length runs past the end of the file, or the last record's
 * checksum fails) is a torn tail: it was never acknowledged, so it is dropped and cut off. A bad
 * record followed by more records is damage: decisions after it may be lost, so the file is kept
 * aside as {@code coordinator.log.damaged-<millis>}, and while such a file exists
 * {@link #damaged()} is true and recovery presumes nothing about undecided branches.
 */
public final class CoordinatorLog implements AutoCloseable {
    static final String FILE = "coordinator.log";
    private static final String LOCK = "coordinator.lock";
    private static final long COMPACT_AT = 4L << 20;
    private static final int MAX_RECORD = 1 << 20;

    private final Path directory;
    private final String coordinatorId;
    private final Map<String, Decision> live;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private FileChannel file;

    private CoordinatorLog(Path directory, String coordinatorId, Map<String, Decision> live, FileChannel lockChannel,
            FileLock lock, FileChannel file) {
        this.directory = directory;
        this.coordinatorId = coordinatorId;
        this.live = live;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.file = file;
    }

    /** Opens (creating) the log for writing; fails with LOCKED when another process holds it. */
    public static CoordinatorLog open(Path directory, String coordinatorId) {
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(directory);
            lockChannel = FileChannel.open(directory.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new CairnException(ErrorCode.LOCKED, "coordinator log " + directory + " is in use by another "
                        + "coordinator (the agent or another process with coordinator id '" + coordinatorId
                        + "'); it recovers its own branches — stop it, or give this process its own "
                        + "transactions.coordinator id and log");
            }
            Path path = directory.resolve(FILE);
            LogContents contents = read(path, coordinatorId);
            if (contents.damaged()) {
                Files.move(path, directory.resolve(FILE + ".damaged-" + System.currentTimeMillis()));
            }
            CoordinatorLog log = new CoordinatorLog(directory, coordinatorId, new LinkedHashMap<>(contents.decisions()),
                    lockChannel, lock, null);
            log.rewrite();
            return log;
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new CairnException(ErrorCode.STORAGE, "coordinator log " + directory + ": " + e
                    + " (check that the directory is writable and the disk has space)", e);
        } catch (RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
        }
    }

    /** Reads the log without locking it or changing it (for {@code cairn tx in-doubt} while the agent runs). */
    public static LogContents readOnly(Path directory, String coordinatorId) {
        try {
            LogContents contents = read(directory.resolve(FILE), coordinatorId);
            return contents.damaged() ? contents : new LogContents(contents.decisions(), hasDamagedFile(directory));
        } catch (IOException e) {
            throw new CairnException(ErrorCode.STORAGE, "coordinator log " + directory + ": " + e
                    + " (check that the directory is readable)", e);
        }
    }

    /** Appends a decision and forces it to disk; returns only once it is durable. */
    public synchronized void decide(Decision decision) {
        append(decision.encode(), true);
        live.put(decision.gid(), decision);
    }

    /** Marks a global transaction finished: every branch is committed or gone. Not forced (see the class comment). */
    public synchronized void done(String gid) {
        if (live.remove(gid) == null) {
            return;
        }
        append("D " + gid, false);
        if (live.isEmpty()) {
            try {
                if (file.size() > COMPACT_AT) {
                    rewrite();
                }
            } catch (IOException e) {
                throw storage(e);
            }
        }
    }

    public synchronized Optional<Decision> decision(String gid) {
        return Optional.ofNullable(live.get(gid));
    }

    /** The decisions not yet done. */
    public synchronized Map<String, Decision> decisions() {
        return Map.copyOf(live);
    }

    /** Whether a damaged log was found (decisions may be missing, so nothing may be presumed). */
    public boolean damaged() {
        return hasDamagedFile(directory);
    }

    public Path directory() {
        return directory;
    }

    @Override
    public synchronized void close() {
        closeQuietly(file);
        try {
            lock.release();
        } catch (IOException | RuntimeException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(lockChannel);
    }

    private void append(String payload, boolean force) {
        try {
            file.write(frame(payload));
            if (force) {
                file.force(false);
            }
        } catch (IOException e) {
            throw storage(e);
        }
    }

    /** Writes header + live decisions to a new file, forces it, renames it into place, forces the directory. */
    private void rewrite() throws IOException {
        Path temp = directory.resolve(FILE + ".tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(frame("H " + coordinatorId));
            for (Decision decision : live.values()) {
                out.write(frame(decision.encode()));
            }
            out.force(true);
        }
        closeQuietly(file);
        try {
            Files.move(temp, directory.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, directory.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException ignored) {
            // some file systems cannot open a directory; the rename is still atomic
        }
        file = FileChannel.open(directory.resolve(FILE), StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    private CairnException storage(IOException e) {
        return new CairnException(ErrorCode.STORAGE, "coordinator log " + directory + ": " + e
                + " (the disk may be full or failing; no transaction can commit until it is writable)", e);
    }

    static ByteBuffer frame(String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        ByteBuffer buffer = ByteBuffer.allocate(8 + bytes.length);
        buffer.putInt(bytes.length).putInt((int) crc.getValue()).put(bytes).flip();
        return buffer;
    }

    static LogContents read(Path path, String coordinatorId) throws IOException {
        Map<String, Decision> decisions = new LinkedHashMap<>();
        if (!Files.exists(path)) {
            return new LogContents(decisions, false);
        }
        ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(path));
        boolean damaged = false;
        while (data.remaining() >= 8) {
            int length = data.getInt();
            int checksum = data.getInt();
            if (length < 0 || length > MAX_RECORD || length > data.remaining()) {
                break; // torn tail: the crash cut the record short
            }
            byte[] bytes = new byte[length];
            data.get(bytes);
            CRC32C crc = new CRC32C();
            crc.update(bytes);
            if ((int) crc.getValue() != checksum) {
                damaged = data.hasRemaining(); // only the last record may be torn
                break;
            }
            String[] fields = new String(bytes, StandardCharsets.UTF_8).split(" ", -1);
            switch (fields[0]) {
                case "H" -> {
                    if (!fields[1].equals(coordinatorId)) {
                        throw new CairnException(ErrorCode.PRECONDITION, "coordinator log " + path + " belongs to "
                                + "coordinator '" + fields[1] + "', not '" + coordinatorId + "' (set transactions."
                                + "coordinator.id to '" + fields[1] + "' or point coordinator.log at its own directory)");
                    }
                }
                case "C", "R" -> decisions.put(fields[1], Decision.decode(fields));
                case "D" -> decisions.remove(fields[1]);
                default -> {
                    damaged = true;
                }
            }
            if (damaged) {
                break;
            }
        }
        return new LogContents(decisions, damaged);
    }

    private static boolean hasDamagedFile(Path directory) {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith(FILE + ".damaged-"));
        } catch (IOException e) {
            return true;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    /** What a log holds: the decisions not yet done, and whether damage was found. */
    public record LogContents(Map<String, Decision> decisions, boolean damaged) {
        public LogContents {
            decisions = Map.copyOf(decisions);
        }
    }
}
