package io.cairn.repository;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.internal.KeyOperations;
import io.cairn.repository.internal.ProgressTracker;
import io.cairn.repository.internal.RepositoryContext;
import io.cairn.repository.internal.RepositoryOpener;
import io.cairn.repository.internal.backup.BackupSession;
import io.cairn.repository.internal.backup.Backups;
import io.cairn.repository.internal.check.Checker;
import io.cairn.repository.internal.prune.Pruner;
import io.cairn.repository.internal.retention.Forgetter;
import io.cairn.repository.internal.lock.LockManager;
import io.cairn.repository.internal.restore.Restorer;
import io.cairn.repository.internal.snapshot.SnapshotStore;
import io.cairn.repository.storage.Storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A backup repository: encrypted, deduplicated, compressed snapshots in a {@link Storage}.
 * The CLI and later modules (database backups, WAL archive) use only this class and the
 * records it returns. See docs/repository.md for the format and the crash-safety argument.
 *
 * <p>Locks: backup, restore, check and dump take a shared lock; prune and forget an exclusive
 * one. Thread-safe: operations may run concurrently on one instance (e.g. two backups).
 */
public final class Repository implements AutoCloseable {
    private final RepositoryContext context;
    private final LockManager locks;
    private final KeyOperations keys;
    private final SnapshotStore snapshots;

    private Repository(RepositoryOpener.Opened opened) {
        this.context = opened.context();
        this.locks = new LockManager(context);
        this.keys = new KeyOperations(context, opened.keyId());
        this.snapshots = new SnapshotStore(context.storage(), context.files());
    }

    /** Creates a repository; fails with PRECONDITION if one (or other files) is already there. */
    public static Repository init(Storage storage, Passphrase passphrase, InitOptions options) {
        return init(storage, passphrase, options, RepositoryOptions.defaults());
    }

    public static Repository init(Storage storage, Passphrase passphrase, InitOptions options, RepositoryOptions runtime) {
        return new Repository(RepositoryOpener.init(storage, passphrase, options, runtime));
    }

    /** Opens a repository; WRONG_KEY when no key matches, NOT_FOUND when there is none. */
    public static Repository open(Storage storage, Passphrase passphrase) {
        return open(storage, passphrase, RepositoryOptions.defaults());
    }

    public static Repository open(Storage storage, Passphrase passphrase, RepositoryOptions runtime) {
        return new Repository(RepositoryOpener.open(storage, passphrase, runtime));
    }

    public RepositoryInfo info() {
        var config = context.config();
        return new RepositoryInfo(config.id(), context.describe(), config.version(), config.created(),
                config.compressionLevel(), config.packSize(), context.chunker().describe(), keys.current().shortHex());
    }

    /** FastCDC with this repository's secret gear table and chunk sizes: for dumps and ordinary files. */
    public Chunker contentDefinedChunker() {
        return context.chunker();
    }

    /**
     * FastCDC with this repository's secret gear table and the given sizes, for sources whose
     * changes are small and scattered (dumps dedup far better with 64 KiB than 1 MiB chunks).
     * The same sizes always cut the same content the same way within one repository.
     */
    public Chunker contentDefinedChunker(int min, int average, int max) {
        if (max > InitOptions.MAX_BLOB) {
            throw new CairnException(ErrorCode.USAGE, "chunk size " + max + " is above the largest blob, " + InitOptions.MAX_BLOB);
        }
        return context.chunker(min, average, max);
    }

    /** Backs up local files and directories (absolute paths recorded) into a new snapshot. */
    public BackupResult backupFiles(List<Path> paths, BackupOptions options, ProgressListener listener) {
        return Backups.files(context, locks, snapshots, paths, options, listener);
    }

    /** Backs up one stream (e.g. a dump) as the single file {@code name} of a new snapshot. */
    public BackupResult backupStream(String name, InputStream content, Chunker chunker, BackupOptions options,
            ProgressListener listener) {
        try (SnapshotBuilder builder = newSnapshot(SnapshotFilter.STREAM_SOURCE, List.of(name), options, listener)) {
            builder.addFile(name, FileMetadata.of(0600, context.clock().instant()), content, chunker);
            return builder.commit();
        }
    }

    /**
     * Starts a snapshot written entry by entry (see {@link SnapshotBuilder}); holds a shared lock
     * until committed or closed.
     *
     * @param source what is backed up, e.g. {@code postgresql:main}
     * @param paths  description of the sources, stored in the snapshot and used to group for retention
     */
    public SnapshotBuilder newSnapshot(String source, List<String> paths, BackupOptions options, ProgressListener listener) {
        LockManager.Lock lock = locks.acquire(false, "backup");
        try {
            return Backups.snapshotWriter(context, snapshots, new BackupSession(context, source, paths, options,
                    Backups.parentId(snapshots, options, source, paths, context), listener, lock));
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Every readable snapshot, oldest first. */
    public List<SnapshotInfo> snapshots() {
        return snapshots.list().stream().map(SnapshotStore.Stored::info).toList();
    }

    /** The snapshots the filter matches, oldest first. */
    public List<SnapshotInfo> snapshots(SnapshotFilter filter) {
        return snapshots().stream().filter(filter::matches).toList();
    }

    /** The newest snapshot the filter matches: what {@code latest} means under that filter. */
    public Optional<SnapshotInfo> latest(SnapshotFilter filter) {
        List<SnapshotInfo> matching = snapshots(filter);
        return matching.isEmpty() ? Optional.empty() : Optional.of(matching.get(matching.size() - 1));
    }

    /** One snapshot by id, unique prefix (4+ hex digits) or {@code latest} (the newest of any kind). */
    public SnapshotInfo snapshot(String reference) {
        return snapshots.find(reference).info();
    }

    /**
     * One snapshot by id or unique prefix, or {@code latest}: the newest one {@code latest} matches
     * (NOT_FOUND naming the filter when none does). An id is taken as given, whatever the filter.
     */
    public SnapshotInfo snapshot(String reference, SnapshotFilter latest) {
        return find(reference, latest).info();
    }

    private SnapshotStore.Stored find(String reference, SnapshotFilter latest) {
        if (!SnapshotStore.LATEST.equals(reference)) {
            return snapshots.find(reference);
        }
        SnapshotInfo newest = latest(latest).orElseThrow(() -> new CairnException(ErrorCode.NOT_FOUND,
                "repository " + context.describe() + " has no snapshot matching " + latest.describe()
                        + "; list them with `cairn snapshots --all`"));
        return snapshots.find(newest.id());
    }

    /**
     * Restores a snapshot below {@code target}, byte-identical with permissions, mtimes and
     * symlinks; {@code latest} is the newest snapshot of any kind.
     */
    public RestoreResult restore(String snapshot, Path target, RestoreOptions options, ProgressListener listener) {
        return restore(snapshot, SnapshotFilter.all(), target, options, listener);
    }

    /**
     * Like {@link #restore(String, Path, RestoreOptions, ProgressListener)}, {@code latest} being
     * the newest snapshot the filter {@code latest} matches (see {@link SnapshotFilter}).
     */
    @SuppressWarnings("try")
    public RestoreResult restore(String snapshot, SnapshotFilter latest, Path target, RestoreOptions options,
            ProgressListener listener) {
        try (LockManager.Lock ignored = locks.acquire(false, "restore")) {
            SnapshotStore.Stored stored = find(snapshot, latest);
            context.indexStore().refresh();
            return new Restorer(context.blobReader(), new ProgressTracker("restore", context.clock(), listener),
                    context.clock(), restoreThreads()).restore(stored, target.toAbsolutePath().normalize(), options);
        } catch (IOException e) {
            throw new CairnException(ErrorCode.STORAGE, "restoring snapshot " + snapshot + " to " + target
                    + " failed: " + e.getMessage(), e);
        }
    }

    /** Restoring waits on file creation and writes more than on the CPU, so it runs more threads than workers. */
    private int restoreThreads() {
        return Math.max(4, 2 * context.options().workers());
    }

    /** Writes the content of one file of a snapshot to {@code out}; returns the bytes written. */
    public long dump(String snapshot, String path, OutputStream out) {
        return Backups.dump(context, locks, snapshots, snapshot, path, out);
    }

    /**
     * Verifies the repository (see {@link CheckResult}); with {@code readData} every pack is
     * read and every blob decrypted and its id recomputed. Damage is reported, never thrown.
     */
    @SuppressWarnings("try")
    public CheckResult check(boolean readData, ProgressListener listener) {
        try (LockManager.Lock ignored = locks.acquire(false, "check")) {
            return new Checker(context, new ProgressTracker("check", context.clock(), listener)).run(readData);
        }
    }

    /** Removes the snapshots the policy does not keep (data stays until {@link #prune}). */
    @SuppressWarnings("try")
    public ForgetResult forget(RetentionPolicy policy, boolean dryRun) {
        try (LockManager.Lock ignored = locks.acquire(!dryRun, "forget")) {
            return new Forgetter(snapshots).byPolicy(policy, dryRun);
        }
    }

    /** Removes the named snapshots (ids, prefixes or {@code latest}). */
    @SuppressWarnings("try")
    public ForgetResult forgetSnapshots(List<String> references, boolean dryRun) {
        try (LockManager.Lock ignored = locks.acquire(!dryRun, "forget")) {
            return new Forgetter(snapshots).byId(references, dryRun);
        }
    }

    /** Removes data no snapshot uses, under an exclusive lock (see {@link PruneOptions}). */
    @SuppressWarnings("try")
    public PruneResult prune(PruneOptions options, ProgressListener listener) {
        try (LockManager.Lock ignored = locks.acquire(!options.dryRun(), "prune")) {
            return new Pruner(context, new ProgressTracker("prune", context.clock(), listener)).run(options);
        }
    }

    public List<KeyInfo> listKeys() {
        return keys.list();
    }

    /** Adds a passphrase that opens the same master key; nothing is re-encrypted. */
    public KeyInfo addKey(Passphrase passphrase, KeyDerivation kdf) {
        return keys.add(passphrase, kdf);
    }

    /** Removes a key by id or prefix; refuses the key in use and the last key. */
    public KeyInfo removeKey(String reference) {
        return keys.remove(reference);
    }

    /** Replaces the key in use by one for the new passphrase (new key written before the old is removed). */
    public KeyInfo changePassphrase(Passphrase passphrase, KeyDerivation kdf) {
        return keys.changePassphrase(passphrase, kdf);
    }

    public List<LockInfo> locks() {
        return locks.list();
    }

    /** Removes stale locks, or every lock with {@code removeAll} (only when no Cairn process uses the repository). */
    public UnlockResult unlock(boolean removeAll) {
        return locks.unlock(removeAll);
    }

    @Override
    public void close() {
        locks.close();
        context.storage().close();
    }

    @Override
    public String toString() {
        return "Repository[" + context.describe() + "]";
    }
}
