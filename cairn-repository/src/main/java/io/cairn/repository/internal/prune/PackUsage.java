package io.cairn.repository.internal.prune;

import io.cairn.repository.internal.format.ContentId;
import io.cairn.repository.internal.pack.PackEntry;
import io.cairn.repository.storage.StoredObject;

import java.util.ArrayList;
import java.util.List;

/** One pack as prune sees it: its blobs, which of them are the copy prune keeps, and its fate. */
final class PackUsage {
    enum Fate { KEEP, REPACK, DELETE, UNTOUCHED }

    final ContentId id;
    final StoredObject object;
    final List<PackEntry> entries;
    final boolean indexed;
    final boolean youngOrphan;
    final List<PackEntry> used = new ArrayList<>();
    long usedBytes;
    long unusedBytes;
    Fate fate = Fate.KEEP;

    PackUsage(ContentId id, StoredObject object, List<PackEntry> entries, boolean indexed, boolean youngOrphan) {
        this.id = id;
        this.object = object;
        this.entries = entries;
        this.indexed = indexed;
        this.youngOrphan = youngOrphan;
    }

    double unusedFraction() {
        long total = usedBytes + unusedBytes;
        return total == 0 ? 1 : (double) unusedBytes / total;
    }
}
