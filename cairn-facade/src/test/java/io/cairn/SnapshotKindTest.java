package io.cairn;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.repository.SnapshotInfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The kinds and databases front-ends show come from the owning modules' definitions, and snapshots
 * written before those were shared (tags as repositories already carry them) still read the same.
 */
class SnapshotKindTest {
    private static SnapshotInfo snapshot(String source, String... tags) {
        return new SnapshotInfo("ab".repeat(32), "abababab", Instant.EPOCH, "host", "user", List.of(tags),
                List.of("main"), source, Optional.empty(), 1, 0, 1, 1, 1);
    }

    @Test
    void kindsAsTheWritingModulesDefineThem() {
        assertThat(SnapshotKind.of(snapshot("postgresql:main", "pg-backup", "db:main", "type:full"))).isEqualTo(SnapshotKind.PG_BACKUP);
        assertThat(SnapshotKind.of(snapshot("postgresql-wal:main", "pg-wal", "db:main"))).isEqualTo(SnapshotKind.PG_WAL);
        assertThat(SnapshotKind.of(snapshot("dump", "dump", "db:main"))).isEqualTo(SnapshotKind.DUMP);
        assertThat(SnapshotKind.of(snapshot("files", "schedule=nightly"))).isEqualTo(SnapshotKind.FILES);
        // a tag alone does not make a snapshot a base backup: another tool may use the word
        assertThat(SnapshotKind.of(snapshot("files", "pg-backup"))).isEqualTo(SnapshotKind.FILES);
        assertThat(SnapshotKind.PG_BACKUP.label()).isEqualTo("pg-backup");
    }

    @Test
    void databaseOfEverySnapshotWrittenSoFar() {
        assertThat(SnapshotKind.databaseOf(snapshot("postgresql:main", "pg-backup", "db:main"))).contains("main");
        assertThat(SnapshotKind.databaseOf(snapshot("postgresql-wal:main", "pg-wal", "db:main"))).contains("main");
        // dumps the agent took carried both the dump module's db: and the agent's own db=
        assertThat(SnapshotKind.databaseOf(snapshot("dump", "dump", "db:main", "schedule=d", "db=main"))).contains("main");
        // file backups older agents tagged db=<id>; now db:<id>
        assertThat(SnapshotKind.databaseOf(snapshot("files", "schedule=f", "db=legacy"))).contains("legacy");
        assertThat(SnapshotKind.databaseOf(snapshot("files", "schedule=f", "db:main"))).contains("main");
        assertThat(SnapshotKind.databaseOf(snapshot("files", "other-tool"))).isEmpty();
    }
}
