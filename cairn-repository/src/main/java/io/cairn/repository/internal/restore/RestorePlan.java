package io.cairn.repository.internal.restore;

import io.cairn.core.CairnException;
import io.cairn.repository.internal.format.ContentId;
import io.cairn.repository.internal.index.BlobLocation;
import io.cairn.repository.internal.index.BlobReader;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which blobs of which pack go to which files at which offsets. Each blob is listed once, with
 * every place it belongs (a blob shared by many files, or repeated inside one, is read and
 * decrypted once). Packs keep the order in which the files first need them, so files
 * complete roughly in walk order; a pack's blobs are sorted by offset for ranged reads.
 * Memory: one small record per blob and per place, like the tree itself.
 */
final class RestorePlan {

    /** One place a blob's plaintext is written. */
    record Placement(FileTarget file, long offset) {
    }

    /** A blob to read once and write to every placement. */
    record PlannedBlob(ContentId id, BlobLocation location, List<Placement> placements) {
    }

    private final Map<ContentId, List<PlannedBlob>> packs;

    private RestorePlan(Map<ContentId, List<PlannedBlob>> packs) {
        this.packs = packs;
    }

    /** Plans the files' content; a blob no index lists fails here, before anything is written. */
    static RestorePlan of(List<FileTarget> files, BlobReader reader, String name) {
        Map<ContentId, PlannedBlob> blobs = new HashMap<>();
        Map<ContentId, List<PlannedBlob>> packs = new LinkedHashMap<>();
        for (FileTarget file : files) {
            long offset = 0;
            for (String hex : FileTarget.content(file.node())) {
                ContentId id = ContentId.parse(hex);
                PlannedBlob blob = blobs.get(id);
                if (blob == null) {
                    BlobLocation location = reader.locate(id).orElseThrow(() -> cannotRestore(name, file,
                            reader.notIndexed(id)));
                    blob = new PlannedBlob(id, location, new ArrayList<>(1));
                    blobs.put(id, blob);
                    packs.computeIfAbsent(location.pack(), pack -> new ArrayList<>()).add(blob);
                }
                blob.placements().add(new Placement(file, offset));
                offset += blob.location().rawLength();
            }
        }
        packs.values().forEach(list -> list.sort(Comparator.comparingInt(blob -> blob.location().offset())));
        return new RestorePlan(packs);
    }

    /** Pack id → its needed blobs by offset, in the order files first need the packs. */
    Map<ContentId, List<PlannedBlob>> packs() {
        return packs;
    }

    static CairnException cannotRestore(String name, FileTarget file, CairnException cause) {
        return new CairnException(cause.code(), name + ": cannot restore " + file.snapshotPath() + ": "
                + cause.getMessage(), cause);
    }
}
