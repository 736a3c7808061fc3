package io.cairn.repository.internal.restore;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.RestoreOptions;
import io.cairn.repository.RestoreResult;
import io.cairn.repository.internal.ProgressTracker;
import io.cairn.repository.internal.format.ContentId;
import io.cairn.repository.internal.index.BlobReader;
import io.cairn.repository.internal.snapshot.SnapshotStore;
import io.cairn.repository.internal.tree.Node;
import io.cairn.repository.internal.tree.TreeWalker;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Restores a snapshot (or the parts named by includes) below a target directory: directories
 * first, then file contents in parallel (each blob verified as it is read), then symlinks, then
 * directory metadata deepest first (writing into a directory changes its mtime). Existing files
 * at the same paths are overwritten. File contents are restored pack by pack, not file by file:
 * each needed range of a pack is read once and each blob opened once, however many files use it.
 */
public final class Restorer {
    private final BlobReader reader;
    private final ProgressTracker progress;
    private final Clock clock;
    private final int workers;

    private record Entry(String path, Node node) {
    }

    public Restorer(BlobReader reader, ProgressTracker progress, Clock clock, int workers) {
        this.reader = reader;
        this.progress = progress;
        this.clock = clock;
        this.workers = workers;
    }

    public RestoreResult restore(SnapshotStore.Stored snapshot, Path target, RestoreOptions options) throws IOException {
        Instant started = clock.instant();
        String name = "snapshot " + snapshot.id().shortHex();
        List<String> includes = options.includes().stream().map(Restorer::normalize).toList();
        List<Entry> entries = new ArrayList<>();
        new TreeWalker(reader).walk(snapshot.tree(), (path, node) -> {
            if (includes.isEmpty() || includes.stream().anyMatch(include -> related(path, include))) {
                entries.add(new Entry(path, node));
            }
        });
        if (!includes.isEmpty() && entries.isEmpty()) {
            throw new CairnException(ErrorCode.NOT_FOUND, name + " contains none of " + options.includes());
        }
        Files.createDirectories(target);
        MetadataWriter metadata = new MetadataWriter(options.restoreOwnership() && isRoot(target));
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        long[] counts = new long[3];
        List<Entry> files = new ArrayList<>();
        long totalBytes = 0;
        for (Entry entry : entries) {
            Path path = resolve(target, entry.path());
            if (entry.node().isDirectory()) {
                Files.createDirectories(path);
                counts[0]++;
            } else if (entry.node().isFile()) {
                files.add(entry);
                totalBytes += entry.node().size() == null ? 0 : entry.node().size();
            }
        }
        progress.totals(files.size(), totalBytes);
        long bytes = restoreFiles(files, target, metadata, name);
        for (Entry entry : entries) {
            if (entry.node().isSymlink()) {
                Path path = resolve(target, entry.path());
                Files.deleteIfExists(path);
                Files.createSymbolicLink(path, Path.of(entry.node().linkTarget()));
                metadata.apply(path, entry.node());
                counts[1]++;
            } else if (Node.SPECIAL.equals(entry.node().type())) {
                warnings.add(entry.path() + ": special file (mode " + Integer.toOctalString(entry.node().mode())
                        + ") not restored");
            }
        }
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).node().isDirectory()) {
                metadata.apply(resolve(target, entries.get(i).path()), entries.get(i).node());
            }
        }
        progress.finish();
        return new RestoreResult(snapshot.id().hex(), target.toString(), files.size(), counts[0], counts[1], bytes,
                Duration.between(started, clock.instant()), List.copyOf(warnings));
    }

    /** Writes one file's content to a stream (for dumps and database restores). */
    public long copy(Node node, OutputStream out) throws IOException {
        long written = 0;
        for (String id : node.content()) {
            byte[] blob = reader.read(ContentId.parse(id));
            out.write(blob);
            written += blob.length;
            progress.bytes(blob.length);
        }
        return written;
    }

    /**
     * Writes the files' content pack by pack (see {@link RestorePlan}): each pack task reads its
     * ranges once and writes every blob to every place it belongs. Memory: at most
     * {@code workers} pack tasks run at once, each holding one range of at most
     * {@link PackRestorer#MAX_RANGE} (or one larger blob) and one opened blob, so with 4 workers
     * and 8 MiB maximum blobs under about 100 MiB, independent of the snapshot's size. The first
     * failure stops the other tasks and fails the restore.
     */
    private long restoreFiles(List<Entry> files, Path target, MetadataWriter metadata, String name) throws IOException {
        List<FileTarget> targets = new ArrayList<>(files.size());
        for (Entry entry : files) {
            targets.add(new FileTarget(resolve(target, entry.path()), entry.path(), entry.node()));
        }
        RestorePlan plan = RestorePlan.of(targets, reader, name);
        PackRestorer.Completion completion = file -> {
            metadata.apply(file.path(), file.node());
            progress.fileDone();
        };
        for (FileTarget file : targets) {
            if (file.isEmpty()) {
                progress.item(file.snapshotPath());
                file.createEmpty();
                completion.fileComplete(file);
            }
        }
        AtomicLong bytes = new AtomicLong();
        PackRestorer packs = new PackRestorer(reader, progress, completion, bytes, name);
        ExecutorService executor = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "cairn-restore");
            thread.setDaemon(true);
            return thread;
        });
        ExecutorCompletionService<Void> done = new ExecutorCompletionService<>(executor);
        try {
            plan.packs().forEach((pack, blobs) -> done.submit(() -> {
                packs.restore(pack, blobs);
                return null;
            }));
            for (int i = 0; i < plan.packs().size(); i++) {
                done.take().get();
            }
            return bytes.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CairnException cairn) {
                throw new CairnException(cairn.code(), cairn.getMessage(), cairn);
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new CairnException(ErrorCode.INTERNAL, name + ": restore failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CairnException(ErrorCode.INTERRUPTED, name + ": restore interrupted", e);
        } finally {
            executor.shutdownNow();
        }
    }

    static boolean related(String path, String include) {
        return path.equals(include) || path.startsWith(include + "/") || include.startsWith(path + "/")
                || include.equals("/");
    }

    private static String normalize(String include) {
        String trimmed = include.replaceAll("/+", "/");
        if (!trimmed.startsWith("/")) {
            trimmed = "/" + trimmed;
        }
        return trimmed.length() > 1 && trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /** The target path of an entry; a name that would escape the target (".." in a damaged tree) is refused. */
    private static Path resolve(Path target, String snapshotPath) {
        Path path = target.resolve(snapshotPath.substring(1)).normalize();
        if (!path.startsWith(target.normalize()) || path.equals(target.normalize())) {
            throw new CairnException(ErrorCode.INTEGRITY, "snapshot entry " + snapshotPath
                    + " would be written outside the target; the snapshot tree is damaged");
        }
        return path;
    }

    private static boolean isRoot(Path target) throws IOException {
        return ((Integer) Files.getAttribute(target, "unix:uid")).intValue() == 0
                && "root".equals(System.getProperty("user.name"));
    }
}
