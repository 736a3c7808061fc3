package io.cairn.repository.internal.index;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.internal.format.ContentId;
import io.cairn.repository.internal.format.FileKind;
import io.cairn.repository.internal.format.SealedFiles;
import io.cairn.repository.storage.Storage;
import io.cairn.repository.storage.StoredObject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes index files, and keeps a {@link MasterIndex} in step with {@code index/}:
 * new files are loaded incrementally; if a file that was loaded has disappeared, a prune ran and
 * locations may point at deleted packs, so the whole index is rebuilt.
 */
public final class IndexStore {
    private static final Logger LOG = LoggerFactory.getLogger(IndexStore.class);

    private final Storage storage;
    private final SealedFiles files;
    private final MasterIndex index = new MasterIndex();
    private final Set<ContentId> loaded = new HashSet<>();

    /** One index file's content. */
    public record IndexFile(ContentId id, List<PackRecord> packs) {
    }

    /** An index file that could not be read, and why. */
    public record Damaged(String name, String message) {
    }

    /** Every index file that could be read, and those that could not. */
    public record Listing(List<IndexFile> files, List<Damaged> damaged) {
    }

    public IndexStore(Storage storage, SealedFiles files) {
        this.storage = storage;
        this.files = files;
    }

    /** Brings the in-memory index up to date with storage and returns it. */
    public synchronized MasterIndex refresh() {
        Set<ContentId> present = listIds();
        if (!present.containsAll(loaded)) {
            LOG.info("repository {}: index files were removed (prune); reloading the index", storage.describe());
            index.clear();
            loaded.clear();
        }
        for (ContentId id : present) {
            if (!loaded.contains(id)) {
                readQuietly(id).ifPresent(file -> file.packs().forEach(index::add));
                loaded.add(id);
            }
        }
        return index;
    }

    /** The in-memory index as last refreshed (packs written this session included). */
    public MasterIndex index() {
        return index;
    }

    public Listing readAll() {
        List<IndexFile> result = new ArrayList<>();
        List<Damaged> damaged = new ArrayList<>();
        for (ContentId id : listIds()) {
            try {
                result.add(read(id));
            } catch (CairnException e) {
                if (e.code() != ErrorCode.INTEGRITY && e.code() != ErrorCode.NOT_FOUND) {
                    throw e;
                }
                damaged.add(new Damaged(FileKind.INDEX.nameOf(id), e.getMessage()));
            }
        }
        return new Listing(result, damaged);
    }

    public IndexFile read(ContentId id) {
        String name = FileKind.INDEX.nameOf(id);
        return new IndexFile(id, IndexFormat.decode(files.read(FileKind.INDEX, id), name));
    }

    /** Writes one index file, durably, and adds it to the in-memory index. */
    public synchronized ContentId write(List<PackRecord> packs) {
        ContentId id = files.write(FileKind.INDEX, IndexFormat.encode(packs));
        packs.forEach(index::add);
        loaded.add(id);
        return id;
    }

    public Set<ContentId> listIds() {
        Set<ContentId> ids = new HashSet<>();
        for (StoredObject object : storage.list(FileKind.INDEX.directory())) {
            FileKind.INDEX.idOf(object.name()).map(ContentId::parse).ifPresent(ids::add);
        }
        return ids;
    }

    private Optional<IndexFile> readQuietly(ContentId id) {
        try {
            return Optional.of(read(id));
        } catch (CairnException e) {
            if (e.code() != ErrorCode.INTEGRITY && e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            LOG.warn("{}; its blobs are ignored (they will be stored again if needed)", e.getMessage());
            return Optional.empty();
        }
    }
}
