package io.cairn.backup.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.backup.RecoveryTarget;
import io.cairn.backup.postgres.Lsn;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The archive's bookkeeping without a server: names, pieces, coverage across timelines, targets. */
class WalCatalogTest {
    private static final long SIZE = 16L << 20;
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void segmentNamesAndLsnsRoundTrip() {
        WalSegment segment = WalSegment.parse("000000020000000100000003", SIZE).orElseThrow();
        assertThat(segment.timeline()).isEqualTo(2);
        assertThat(segment.start()).isEqualTo(Lsn.parse("1/3000000"));
        assertThat(segment.name()).isEqualTo("000000020000000100000003");
        assertThat(WalSegment.containing(1, Lsn.parse("0/2FFFFFF"), SIZE).name()).isEqualTo("000000010000000000000002");
        assertThat(Lsn.parse("0/3000028").toString()).isEqualTo("0/3000028");
        assertThat(Lsn.parse("FFFFFFFF/0").compareTo(Lsn.parse("1/0"))).isPositive();
        assertThat(WalSegment.historyName(10)).isEqualTo("0000000A.history");
    }

    @Test
    void piecesAssembleFromTheStartAndACompleteSegmentWins() {
        WalCatalog catalog = new WalCatalog(SIZE, Optional.of("1"));
        String name = "000000010000000000000005";
        catalog.addPiece(name, new WalFile.Piece("a", "wal/x", 0, 1000, T0));
        catalog.addPiece(name, new WalFile.Piece("b", "wal/y", 1000, 5000, T0.plusSeconds(1)));
        catalog.addPiece(name, new WalFile.Piece("c", "wal/z", 0, 3000, T0.plusSeconds(2)));
        catalog.addPiece(name, new WalFile.Piece("d", "wal/w", 9000, 9500, T0.plusSeconds(3)));
        WalFile assembled = catalog.find(name).orElseThrow();
        assertThat(assembled.partialEnd()).contains(Lsn.parse("0/5000000").plus(5000));
        assertThat(assembled.pieces()).extracting(WalFile.Piece::snapshotId).containsExactly("c", "b");
        catalog.addWhole(name, "full", "wal/" + name, T0.plusSeconds(4));
        assertThat(catalog.find(name).orElseThrow().isPartial()).isFalse();
    }

    @Test
    void coverageFollowsTheLineageAcrossATimelineSwitch() {
        WalCatalog catalog = new WalCatalog(SIZE, Optional.of("1"));
        for (String name : new String[] {"000000010000000000000003", "000000010000000000000004",
                "000000010000000000000005", "000000020000000000000005", "000000020000000000000006"}) {
            catalog.addWhole(name, name, "wal/" + name, T0);
        }
        catalog.addPiece("000000020000000000000007", new WalFile.Piece("p", "wal/p", 0, 4096, T0.plusSeconds(9)));
        // timeline 1 ended in segment 5, so segment 5 is read from timeline 2 (and timeline 1's 6 never is)
        TimelineHistory lineage = TimelineHistory.parse(2, "1\t0/5800000\tbefore disaster\n");
        assertThat(lineage.timelineForSegment(4, SIZE)).isEqualTo(1);
        assertThat(lineage.timelineForSegment(5, SIZE)).isEqualTo(2);
        WalCoverage coverage = WalCoverage.from(catalog, lineage, Lsn.parse("0/3000028"));
        assertThat(coverage.end()).isEqualTo(Lsn.parse("0/7001000"));
        assertThat(coverage.endTime()).contains(T0.plusSeconds(9));
        assertThat(WalCoverage.runs(catalog, lineage)).hasSize(1);
        catalog.addWhole("000000020000000000000009", "late", "wal/late", T0.plusSeconds(20));
        assertThat(WalCoverage.runs(catalog, lineage)).hasSize(2);
    }

    @Test
    void recoveryTargetsParseAndRenderForPostgres() {
        assertThat(RecoveryTarget.time("2026-11-23 14:30:00+00").instant()).contains(Instant.parse("2026-11-23T14:30:00Z"));
        assertThat(RecoveryConfig.settings(RecoveryTarget.time(Instant.parse("2026-11-23T14:30:00.5Z")), "cp x y", false))
                .containsEntry("recovery_target_time", "2026-11-23 14:30:00.500000+00")
                .containsEntry("recovery_target_action", "promote").containsEntry("archive_mode", "off");
        assertThat(RecoveryConfig.settings(RecoveryTarget.latest(), "cp x y", true)).doesNotContainKey("recovery_target_action")
                .doesNotContainKey("archive_mode").containsEntry("recovery_target_timeline", "latest");
        assertThat(RestoreCommands.defaultCommand("main", java.nio.file.Path.of("/srv/it's"), "/repo", Optional.empty(), Optional.empty()))
                .isEqualTo("test -f '/srv/it'\\''s/'%f && cp '/srv/it'\\''s/'%f %p");
    }
}
