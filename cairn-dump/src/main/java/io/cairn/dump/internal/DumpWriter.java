package io.cairn.dump.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.dump.DumpEntry;
import io.cairn.repository.BackupResult;
import io.cairn.repository.Chunker;
import io.cairn.repository.FileMetadata;
import io.cairn.repository.SnapshotBuilder;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the files of one dump into a new snapshot, hashing each on the way. Crash-safe order:
 * dump files (their packs are written as they fill), then {@code manifest.json}, then the
 * snapshot's commit, which the repository writes last. A dump that fails or is killed before
 * the commit leaves no snapshot, so no dump is visible; its packs are reused or pruned.
 * Not thread-safe: add files from one thread.
 */
public final class DumpWriter implements AutoCloseable {
    public static final String PREFIX = "dump/";

    private final SnapshotBuilder builder;
    private final Chunker chunker;
    private final Clock clock;
    private final ProgressReporter progress;
    private final List<DumpEntry> entries = new ArrayList<>();

    DumpWriter(SnapshotBuilder builder, Chunker chunker, Clock clock, ProgressReporter progress) {
        this.builder = builder;
        this.chunker = chunker;
        this.clock = clock;
        this.progress = progress;
    }

    /** Reads {@code content} to its end into the file {@code dump/<name>}; the caller closes the stream. */
    public DumpEntry add(String name, InputStream content) {
        String path = PREFIX + name;
        progress.item(path);
        DigestingInputStream digesting = new DigestingInputStream(content, progress);
        builder.addFile(path, FileMetadata.of(0600, clock.instant()), digesting, chunker);
        DumpEntry entry = new DumpEntry(path, digesting.count(), digesting.sha256());
        entries.add(entry);
        progress.entryDone();
        return entry;
    }

    /** The files added so far, in order. */
    public List<DumpEntry> entries() {
        return List.copyOf(entries);
    }

    public long bytes() {
        return entries.stream().mapToLong(DumpEntry::bytes).sum();
    }

    /** Writes the manifest, then makes the snapshot visible. */
    public BackupResult commit(DumpManifest manifest) {
        if (entries.isEmpty()) {
            throw new CairnException(ErrorCode.INTERNAL, "a dump of '" + manifest.db() + "' produced no files");
        }
        byte[] json = manifest.toJson();
        builder.addFile(RepositoryGateway.MANIFEST, FileMetadata.of(0600, clock.instant()),
                new ByteArrayInputStream(json), chunker);
        progress.finish();
        return builder.commit();
    }

    /** Abandons the snapshot unless it was committed. */
    @Override
    public void close() {
        builder.close();
    }
}
