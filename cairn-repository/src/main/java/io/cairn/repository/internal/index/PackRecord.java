package io.cairn.repository.internal.index;

import io.cairn.repository.internal.format.ContentId;
import io.cairn.repository.internal.pack.PackEntry;

import java.util.List;

/** A pack and the blobs it holds, as listed by an index file or a pack header. */
public record PackRecord(ContentId pack, List<PackEntry> entries) {
    public long blobBytes() {
        long total = 0;
        for (PackEntry entry : entries) {
            total += entry.length();
        }
        return total;
    }
}
