package io.cairn.backup.postgres.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.retry.Retry;
import io.cairn.repository.BackupOptions;
import io.cairn.repository.BackupResult;
import io.cairn.repository.Chunker;
import io.cairn.repository.FileMetadata;
import io.cairn.repository.FixedChunker;
import io.cairn.repository.ProgressListener;
import io.cairn.repository.PruneOptions;
import io.cairn.repository.Repository;
import io.cairn.repository.RestoreOptions;
import io.cairn.repository.SnapshotBuilder;
import io.cairn.repository.SnapshotInfo;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The only class that calls cairn-repository: every snapshot this module writes or reads goes
 * through here, so a change of the repository's API touches this file alone.
 *
 * <p>Snapshots are written with {@code noParent} unless a parent is named (diff/incr base
 * backups, to take unchanged files from it): the repository's automatic parent lookup reads every
 * snapshot file, which a WAL archive of thousands of snapshots must not pay on each push, and
 * content deduplication does not need a parent.
 */
public final class RepositoryGateway {
    private static final int LIST_ATTEMPTS = 5;

    private final Repository repository;

    /** A snapshot as this module sees it. */
    public record Stored(String id, String shortId, Instant time, String source, List<String> tags,
            List<String> paths, long bytes, long dataAdded, long dataAddedStored) {
        public Optional<String> tagValue(String key) {
            String prefix = key + ":";
            return tags.stream().filter(tag -> tag.startsWith(prefix)).map(tag -> tag.substring(prefix.length()))
                    .findFirst();
        }

        public boolean hasTag(String tag) {
            return tags.contains(tag);
        }
    }

    /** What a committed snapshot holds and added. */
    public record Committed(String id, String shortId, long files, long bytes, long dataAdded, long dataAddedStored,
            int packsAdopted) {
    }

    /** File metadata to record: permission bits, mtime and owner. */
    public record Entry(int mode, Instant mtime, Optional<Integer> uid, Optional<Integer> gid) {
        FileMetadata metadata() {
            return new FileMetadata(mode & 07777, mtime, uid, gid);
        }
    }

    /** A snapshot being written; nothing is visible before {@link #commit()}. */
    public final class Writer implements AutoCloseable {
        private final SnapshotBuilder builder;

        private Writer(SnapshotBuilder builder) {
            this.builder = builder;
        }

        /** Stores a file cut in fixed chunks of {@code chunkSize} bytes (page-aligned relation and WAL files). */
        public long addFixedChunked(String path, Entry entry, InputStream content, int chunkSize) {
            return builder.addFile(path, entry.metadata(), content, new FixedChunker(chunkSize));
        }

        /** Stores a file cut by the repository's content-defined chunker. */
        public long addContentDefined(String path, Entry entry, InputStream content) {
            return builder.addFile(path, entry.metadata(), content, contentChunker());
        }

        /**
         * Takes the file from the parent snapshot without reading it when the parent holds it with
         * this size and mtime; false (nothing added) otherwise or when there is no parent.
         */
        public boolean addFromParent(String path, long size, Entry entry) {
            return builder.addFromParent(path, size, entry.metadata());
        }

        public void addDirectory(String path, Entry entry) {
            builder.addDirectory(path, entry.metadata());
        }

        public void addSymlink(String path, String target, Entry entry) {
            builder.addSymlink(path, target, entry.metadata());
        }

        public Committed commit() {
            BackupResult result = builder.commit();
            return new Committed(result.snapshotId(), result.shortId(), result.files(), result.bytes(),
                    result.dataAdded(), result.dataAddedStored(), result.packsAdopted());
        }

        @Override
        public void close() {
            builder.close();
        }
    }

    public RepositoryGateway(Repository repository) {
        this.repository = repository;
    }

    /** Where the repository is, for messages and for a restore_command that opens it again. */
    public String location() {
        return repository.info().location();
    }

    public Writer newSnapshot(String source, List<String> paths, List<String> tags) {
        return newSnapshot(source, paths, tags, Optional.empty());
    }

    /**
     * A snapshot whose files may be taken from {@code parentSnapshot} ({@link Writer#addFromParent});
     * the parent is named, so the repository's lookup of every snapshot file is not paid.
     */
    public Writer newSnapshot(String source, List<String> paths, List<String> tags, Optional<String> parentSnapshot) {
        BackupOptions options = BackupOptions.defaults().withTags(tags.toArray(String[]::new));
        options = parentSnapshot.map(options::withParent).orElseGet(options::withNoParent);
        return new Writer(repository.newSnapshot(source, paths, options, ProgressListener.NONE));
    }

    /**
     * Every snapshot of {@code source}, oldest first. Retries a listing that failed because a file
     * vanished under it: LocalStorage's listing walks the directory while another process (the
     * streamer) renames its temporary files into place, and reports that as a STORAGE error.
     */
    public List<Stored> snapshots(String source) {
        return listAll().stream().filter(info -> source.equals(info.source())).map(RepositoryGateway::stored).toList();
    }

    /** The ids of every snapshot in the repository, whatever its source. */
    public List<String> allSnapshotIds() {
        return listAll().stream().map(SnapshotInfo::id).toList();
    }

    /** A snapshot removed by a concurrent expire while listing: list again at once. */
    private List<SnapshotInfo> listAll() {
        return Retry.builder("repository " + repository).attempts(LIST_ATTEMPTS).build().run(repository::snapshots,
                e -> e instanceof CairnException cairn && cairn.code() == ErrorCode.STORAGE && vanishedFile(e));
    }

    private static boolean vanishedFile(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.nio.file.NoSuchFileException) {
                return true;
            }
        }
        return false;
    }

    /** Writes one file of a snapshot to {@code out}; returns the bytes written. */
    public long dump(String snapshotId, String path, OutputStream out) {
        return repository.dump(snapshotId, path, out);
    }

    /** Restores the entries below {@code includes} of a snapshot under {@code target}. */
    public long restore(String snapshotId, List<String> includes, Path target) {
        RestoreOptions options = RestoreOptions.defaults().withIncludes(includes.toArray(String[]::new));
        return repository.restore(snapshotId, target, options, ProgressListener.NONE).bytes();
    }

    /**
     * Deletes snapshots by full id under the repository's exclusive lock (fails with LOCKED while
     * a backup or a WAL store holds its shared lock); their data stays until {@link #prune()}.
     * Returns how many were deleted.
     */
    public int forget(List<String> snapshotIds) {
        return repository.forgetSnapshots(snapshotIds, false).removed();
    }

    /** Removes data no snapshot uses (the repository's prune, default options); returns the bytes freed. */
    public long prune() {
        return repository.prune(PruneOptions.defaults(), ProgressListener.NONE).bytesFreed();
    }

    private Chunker contentChunker() {
        return repository.contentDefinedChunker();
    }

    private static Stored stored(SnapshotInfo info) {
        return new Stored(info.id(), info.shortId(), info.time(), info.source(), info.tags(), info.paths(),
                info.bytes(), info.dataAdded(), info.dataAddedStored());
    }
}
