package io.cairn.repository.internal.snapshot;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.SnapshotInfo;
import io.cairn.repository.internal.format.ContentId;
import io.cairn.repository.internal.format.FileKind;
import io.cairn.repository.internal.format.Json;
import io.cairn.repository.internal.format.SealedFiles;
import io.cairn.repository.storage.Storage;
import io.cairn.repository.storage.StoredObject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists, finds, reads and deletes snapshot files. A snapshot file is named by the hash of its
 * sealed bytes, so its content never changes: {@link #list} keeps what it has read and, on each
 * call, lists the names and reads only the new ones (a long-running agent lists every few
 * seconds, and a WAL archive holds thousands of snapshots). {@link #read} always reads the file,
 * so check and restore see damage done after a listing.
 */
public final class SnapshotStore {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);
    public static final String LATEST = "latest";

    private final Storage storage;
    private final SealedFiles files;
    private final Map<ContentId, Stored> listed = new ConcurrentHashMap<>();

    /** A snapshot file and its id. */
    public record Stored(ContentId id, SnapshotFile file) {
        public SnapshotInfo info() {
            SnapshotFile.Summary summary = file.summary();
            return new SnapshotInfo(id.hex(), id.shortHex(), file.time(), file.host(), file.user(),
                    file.tags() == null ? List.of() : file.tags(), file.paths() == null ? List.of() : file.paths(),
                    file.source(), Optional.ofNullable(file.parent()), summary.files(), summary.directories(),
                    summary.bytes(), summary.dataAdded(), summary.dataAddedStored());
        }

        public ContentId tree() {
            return ContentId.parse(file.tree());
        }
    }

    public SnapshotStore(Storage storage, SealedFiles files) {
        this.storage = storage;
        this.files = files;
    }

    /** Every readable snapshot, oldest first; damaged ones are logged and left to check. */
    public List<Stored> list() {
        List<ContentId> ids = ids();
        listed.keySet().retainAll(new HashSet<>(ids));
        List<Stored> result = new ArrayList<>();
        for (ContentId id : ids) {
            try {
                Stored known = listed.get(id);
                if (known == null) {
                    known = read(id);
                    listed.put(id, known);
                }
                result.add(known);
            } catch (CairnException e) {
                if (e.code() != ErrorCode.INTEGRITY && e.code() != ErrorCode.NOT_FOUND) {
                    throw e;
                }
                LOG.warn("{}; skipped (run `cairn check`)", e.getMessage());
            }
        }
        result.sort(Comparator.comparing((Stored stored) -> stored.file().time()).thenComparing(Stored::id));
        return result;
    }

    public List<ContentId> ids() {
        List<ContentId> ids = new ArrayList<>();
        for (StoredObject object : storage.list(FileKind.SNAPSHOT.directory())) {
            FileKind.SNAPSHOT.idOf(object.name()).map(ContentId::parse).ifPresent(ids::add);
        }
        return ids;
    }

    public Stored read(ContentId id) {
        String name = FileKind.SNAPSHOT.nameOf(id);
        SnapshotFile file = Json.read(files.read(FileKind.SNAPSHOT, id), SnapshotFile.class,
                "repository " + storage.describe() + ": " + name);
        if (file.tree() == null || !ContentId.isValid(file.tree()) || file.summary() == null || file.time() == null) {
            throw new CairnException(ErrorCode.INTEGRITY, "repository " + storage.describe() + ": " + name
                    + " lacks its tree, time or summary");
        }
        return new Stored(id, file);
    }

    /** A snapshot by full id, unique prefix (at least 4 hex digits) or {@code latest}. */
    public Stored find(String reference) {
        if (LATEST.equals(reference)) {
            List<Stored> all = list();
            if (all.isEmpty()) {
                throw new CairnException(ErrorCode.NOT_FOUND, "repository " + storage.describe() + " has no snapshots");
            }
            return all.get(all.size() - 1);
        }
        if (reference.length() < 4 || !reference.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
            throw new CairnException(ErrorCode.USAGE, "'" + reference
                    + "' is not a snapshot id: give at least 4 hex digits of one (see `cairn snapshots`) or 'latest'");
        }
        List<ContentId> matches = ids().stream().filter(id -> id.hex().startsWith(reference)).toList();
        if (matches.isEmpty()) {
            throw new CairnException(ErrorCode.NOT_FOUND, "repository " + storage.describe() + ": no snapshot "
                    + reference + "; list them with `cairn snapshots`");
        }
        if (matches.size() > 1) {
            throw new CairnException(ErrorCode.USAGE, "repository " + storage.describe() + ": snapshot prefix "
                    + reference + " is ambiguous (" + matches.size() + " snapshots); give more digits");
        }
        return read(matches.get(0));
    }

    public boolean delete(ContentId id) {
        return storage.delete(FileKind.SNAPSHOT.nameOf(id));
    }
}
