package io.cairn.backup.postgres.internal;

import io.cairn.backup.postgres.CorruptPage;
import io.cairn.backup.postgres.Lsn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Copies scanned entries into a snapshot: relation files in fixed page-aligned chunks (so a page
 * changed in place changes one chunk), through a checksum check when the cluster has checksums;
 * every other file with the repository's content-defined chunker. In a diff/incr backup, a file
 * the {@link ReuseRule} allows and the parent snapshot holds with the same size and mtime is
 * taken from the parent without being read (nor its checksums verified again).
 */
final class FileCopier {
    private final RepositoryGateway.Writer writer;
    private final ServerInfo server;
    private final Lsn startLsn;
    private final int chunkSize;
    private final ReuseRule reuse;
    private final List<CorruptPage> corruptPages = new ArrayList<>();
    private long files;
    private long bytes;
    private long pagesVerified;
    private long filesReused;
    private long bytesReused;

    FileCopier(RepositoryGateway.Writer writer, ServerInfo server, Lsn startLsn, int pagesPerChunk, ReuseRule reuse) {
        this.writer = writer;
        this.reuse = reuse;
        this.server = server;
        this.startLsn = startLsn;
        this.chunkSize = server.blockSize() * pagesPerChunk;
    }

    void copy(SourceEntry entry) throws IOException {
        switch (entry.type()) {
            case DIRECTORY -> writer.addDirectory(entry.snapshotPath(), entry.metadata());
            case SYMLINK -> writer.addSymlink(entry.snapshotPath(), entry.linkTarget().orElseThrow(), entry.metadata());
            case FILE -> copyFile(entry);
            default -> throw new IllegalStateException("unknown entry type " + entry.type());
        }
    }

    private void copyFile(SourceEntry entry) throws IOException {
        if (reuse.mayReuse(entry) && writer.addFromParent(entry.snapshotPath(), entry.size(), entry.metadata())) {
            files++;
            bytes += entry.size();
            filesReused++;
            bytesReused += entry.size();
            return;
        }
        InputStream input;
        try {
            input = Files.newInputStream(entry.file());
        } catch (NoSuchFileException e) {
            return; // dropped while the backup ran; WAL replay removes it anyway
        }
        try (InputStream source = input) {
            long size;
            if (entry.relationBlock().isPresent()) {
                size = copyRelation(entry, source);
            } else {
                size = writer.addContentDefined(entry.snapshotPath(), entry.metadata(), source);
            }
            files++;
            bytes += size;
        }
    }

    private long copyRelation(SourceEntry entry, InputStream source) throws IOException {
        if (!server.dataChecksums()) {
            return writer.addFixedChunked(entry.snapshotPath(), entry.metadata(), source, chunkSize);
        }
        try (ChecksumVerifyingStream verifying = new ChecksumVerifyingStream(source, entry.file(),
                displayPath(entry.snapshotPath()), entry.relationBlock().get(), server.blockSize(), startLsn.value(),
                corruptPages)) {
            long size = writer.addFixedChunked(entry.snapshotPath(), entry.metadata(), verifying, chunkSize);
            pagesVerified += verifying.pagesChecked();
            return size;
        }
    }

    /** Adds a small text file (backup_label, tablespace_map, the manifest), dated {@code stopTime}. */
    void addText(String path, String text, java.time.Instant stopTime) {
        RepositoryGateway.Entry metadata = new RepositoryGateway.Entry(0600, stopTime, Optional.empty(),
                Optional.empty());
        long size = writer.addContentDefined(path, metadata, BaseBackupRunner.utf8(text));
        files++;
        bytes += size;
    }

    /** The path as PostgreSQL names it: relative to the data directory, tablespaces under pg_tblspc. */
    static String displayPath(String snapshotPath) {
        if (snapshotPath.startsWith(DataDirectoryScanner.DATA_PREFIX + "/")) {
            return snapshotPath.substring(DataDirectoryScanner.DATA_PREFIX.length() + 1);
        }
        return "pg_tblspc/" + snapshotPath.substring(DataDirectoryScanner.TABLESPACE_PREFIX.length() + 1);
    }

    List<CorruptPage> corruptPages() {
        return List.copyOf(corruptPages);
    }

    long files() {
        return files;
    }

    long bytes() {
        return bytes;
    }

    long filesReused() {
        return filesReused;
    }

    long bytesReused() {
        return bytesReused;
    }

    long pagesVerified() {
        return pagesVerified;
    }

}
