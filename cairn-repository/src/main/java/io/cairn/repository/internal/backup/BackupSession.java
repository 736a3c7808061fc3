package io.cairn.repository.internal.backup;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.BackupOptions;
import io.cairn.repository.ProgressListener;
import io.cairn.repository.internal.ProgressTracker;
import io.cairn.repository.internal.RepositoryContext;
import io.cairn.repository.internal.format.ContentId;
import io.cairn.repository.internal.format.FileKind;
import io.cairn.repository.internal.index.MasterIndex;
import io.cairn.repository.internal.lock.LockManager;
import io.cairn.repository.internal.index.PackRecord;
import io.cairn.repository.internal.pack.PackHeaders;
import io.cairn.repository.internal.pack.PackWriter;
import io.cairn.repository.storage.StoredObject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machinery of one backup: pipeline, pack and index writers, counters, progress, and the
 * shared lock, which it releases when closed. Starting a session refreshes the index and adopts
 * packs that a killed backup left without an index (their headers are read and they are
 * indexed with this backup's index), so their content is reused instead of stored again.
 */
public final class BackupSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackupSession.class);

    private final String source;
    private final List<String> paths;
    private final BackupOptions options;
    private final String host;
    private final Optional<ContentId> parent;
    private final LockManager.Lock lock;
    private final BackupCounters counters = new BackupCounters();
    private final ProgressTracker progress;
    private final IndexWriter indexWriter;
    private final BlobPipeline pipeline;
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private final int packsAdopted;

    public BackupSession(RepositoryContext context, String source, List<String> paths, BackupOptions options,
            Optional<ContentId> parent, ProgressListener listener, LockManager.Lock lock) {
        this.source = source;
        this.paths = List.copyOf(paths);
        this.options = options;
        this.host = options.host().orElse(context.identity().host());
        this.parent = parent;
        this.lock = lock;
        this.progress = new ProgressTracker("backup", context.clock(), listener);
        this.progress.bytesAddedFrom(counters.dataAdded::sum);
        this.indexWriter = new IndexWriter(context.indexStore());
        MasterIndex index = context.indexStore().refresh();
        this.packsAdopted = adoptOrphans(context, index);
        PackWriter packs = new PackWriter(context.storage(), context.crypto(), context.config().packSize(),
                indexWriter::packStored);
        this.pipeline = new BlobPipeline(context.options().workers(), context.codec(), index, packs, counters);
    }

    private int adoptOrphans(RepositoryContext context, MasterIndex index) {
        int adopted = 0;
        for (StoredObject object : context.storage().list(FileKind.DATA.directory())) {
            Optional<String> hex = FileKind.DATA.idOf(object.name());
            if (hex.isEmpty() || index.containsPack(ContentId.parse(hex.get()))) {
                continue;
            }
            try {
                PackRecord record = PackHeaders.read(context.storage(), context.crypto(), object);
                index.add(record);
                indexWriter.packStored(record);
                adopted++;
            } catch (CairnException e) {
                if (e.code() != ErrorCode.INTEGRITY && e.code() != ErrorCode.NOT_FOUND) {
                    throw e;
                }
                LOG.warn("{}; not reused (prune removes it after the grace period)", e.getMessage());
            }
        }
        if (adopted > 0) {
            LOG.info("repository {}: reusing {} pack(s) left by an interrupted backup", context.describe(), adopted);
        }
        return adopted;
    }

    String source() {
        return source;
    }

    List<String> paths() {
        return paths;
    }

    BackupOptions options() {
        return options;
    }

    String host() {
        return host;
    }

    Optional<ContentId> parent() {
        return parent;
    }

    BackupCounters counters() {
        return counters;
    }

    ProgressTracker progress() {
        return progress;
    }

    IndexWriter indexWriter() {
        return indexWriter;
    }

    BlobPipeline pipeline() {
        return pipeline;
    }

    List<String> warnings() {
        return warnings;
    }

    int packsAdopted() {
        return packsAdopted;
    }

    @Override
    public void close() {
        pipeline.close();
        lock.close();
    }
}
