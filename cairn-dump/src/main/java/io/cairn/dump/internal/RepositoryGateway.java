package io.cairn.dump.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.dump.DumpSnapshots;
import io.cairn.repository.BackupOptions;
import io.cairn.repository.Chunker;
import io.cairn.repository.ProgressListener;
import io.cairn.repository.Repository;
import io.cairn.repository.SnapshotBuilder;
import io.cairn.repository.SnapshotInfo;
import io.cairn.repository.SnapshotTags;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every call this module makes into the repository goes through here, so that a change of the
 * repository API touches one class. A dump is the snapshot {@link DumpSnapshots} describes, its
 * files under {@code dump/} and a {@code manifest.json} written after them.
 */
public final class RepositoryGateway {
    public static final String MANIFEST = "manifest.json";
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryGateway.class);

    private final Repository repository;
    private final Clock clock;
    private final Chunker chunker;

    public RepositoryGateway(Repository repository, Clock clock, Chunker chunker) {
        this.repository = repository;
        this.clock = clock;
        this.chunker = chunker;
    }

    /** Starts the snapshot of one dump; nothing is visible until {@link DumpWriter#commit}. */
    public DumpWriter begin(DatabaseConfig source, List<String> extraTags, ProgressReporter progress) {
        List<String> tags = new ArrayList<>(List.of(DumpSnapshots.TAG, SnapshotTags.database(source.id())));
        extraTags.stream().filter(tag -> !tags.contains(tag)).forEach(tags::add);
        BackupOptions options = BackupOptions.defaults().withTags(tags.toArray(String[]::new)).withNoParent();
        SnapshotBuilder builder = repository.newSnapshot(DumpSnapshots.SOURCE, List.of(source.type() + ":" + source.id()), options,
                ProgressListener.NONE);
        return new DumpWriter(builder, chunker, clock, progress);
    }

    /** Every dump (of one database, if given), oldest first; snapshots whose manifest is unreadable are skipped. */
    public List<StoredDump> list(Optional<String> db) {
        List<StoredDump> dumps = new ArrayList<>();
        for (SnapshotInfo snapshot : repository.snapshots()) {
            if (!DumpSnapshots.isDump(snapshot) || db.isPresent() && !DumpSnapshots.database(snapshot).equals(db)) {
                continue;
            }
            try {
                dumps.add(new StoredDump(snapshot, manifest(snapshot)));
            } catch (CairnException e) {
                LOG.warn("repository {}: snapshot {} looks like a dump but {}", repository, snapshot.shortId(),
                        e.getMessage());
            }
        }
        return dumps;
    }

    /** A dump by snapshot id or unique prefix. */
    public StoredDump find(String reference) {
        SnapshotInfo snapshot;
        try {
            snapshot = repository.snapshot(reference);
        } catch (CairnException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            throw new CairnException(ErrorCode.NOT_FOUND, "there is no dump '" + reference + "' in " + repository
                    + " (list the dumps with 'cairn dumps')", e);
        }
        if (!DumpSnapshots.isDump(snapshot)) {
            throw new CairnException(ErrorCode.NOT_FOUND, "snapshot " + snapshot.shortId() + " in " + repository
                    + " is not a dump (it is a '" + snapshot.source() + "' snapshot; list dumps with 'cairn dumps')");
        }
        return new StoredDump(snapshot, manifest(snapshot));
    }

    /** Writes one file of a dump to {@code out} (the repository verifies every blob it reads). */
    public long copy(String snapshotId, String entry, OutputStream out) {
        return repository.dump(snapshotId, entry, out);
    }

    private DumpManifest manifest(SnapshotInfo snapshot) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        repository.dump(snapshot.id(), MANIFEST, json);
        return DumpManifest.parse(json.toByteArray(), snapshot.shortId());
    }

    @Override
    public String toString() {
        return repository.toString();
    }
}
