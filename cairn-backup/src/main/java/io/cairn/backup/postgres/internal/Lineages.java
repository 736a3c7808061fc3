package io.cairn.backup.postgres.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads timeline histories from the WAL archive. */
public final class Lineages {
    private final RepositoryGateway gateway;

    public Lineages(RepositoryGateway gateway) {
        this.gateway = gateway;
    }

    /** The lineage of {@code timeline}: its history file when archived, else the timeline alone. */
    public TimelineHistory of(WalCatalog catalog, int timeline) {
        Optional<WalFile> file = catalog.history(timeline);
        if (timeline <= 1 || file.isEmpty()) {
            return TimelineHistory.root(timeline);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WalFile.Piece piece = file.get().pieces().get(0);
        gateway.dump(piece.snapshotId(), piece.path(), out);
        return TimelineHistory.parse(timeline, out.toString(StandardCharsets.UTF_8));
    }

    /** The lineage of the newest timeline in the archive. */
    public TimelineHistory latest(WalCatalog catalog) {
        return of(catalog, catalog.latestTimeline());
    }
}
