package io.cairn.dump.internal;

import io.cairn.repository.SnapshotInfo;

/** A dump found in the repository: its snapshot and its manifest. */
public record StoredDump(SnapshotInfo snapshot, DumpManifest manifest) {

    public String id() {
        return snapshot.id();
    }

    public String shortId() {
        return snapshot.shortId();
    }
}
