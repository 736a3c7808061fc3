package io.cairn.backup.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which files a diff/incr backup may take from its parent: only those last written before parent start − margin. */
class ReuseRuleTest {
    private static final Instant PARENT_START = Instant.parse("2026-11-24T01:00:00Z");
    private static final Duration MARGIN = Duration.ofSeconds(5);

    @Test
    void aFileWrittenBeforeTheMarginMayBeReusedOneInsideItNot() {
        ReuseRule rule = ReuseRule.after(PARENT_START, MARGIN);
        assertThat(rule.mayReuse(file("pgdata/base/5/16384", PARENT_START.minusSeconds(6)))).isTrue();
        assertThat(rule.mayReuse(file("pgdata/base/5/16384", PARENT_START.minus(MARGIN).minusNanos(1)))).isTrue();
        assertThat(rule.mayReuse(file("pgdata/base/5/16384", PARENT_START.minus(MARGIN)))).isFalse();
        assertThat(rule.mayReuse(file("pgdata/base/5/16384", PARENT_START.minusSeconds(1)))).isFalse();
        assertThat(rule.mayReuse(file("pgdata/base/5/16384", PARENT_START.plusSeconds(60)))).isFalse();
    }

    @Test
    void controlFileWhatTheBackupWritesDirectoriesAndFullBackupsAreNeverReused() {
        ReuseRule rule = ReuseRule.after(PARENT_START, MARGIN);
        Instant old = PARENT_START.minus(Duration.ofDays(30));
        assertThat(rule.mayReuse(file("pgdata/global/pg_control", old))).isFalse();
        assertThat(rule.mayReuse(file("pgdata/backup_label", old))).isFalse();
        assertThat(rule.mayReuse(file("pgdata/tablespace_map", old))).isFalse();
        assertThat(rule.mayReuse(file(BackupManifest.PATH, old))).isFalse();
        assertThat(rule.mayReuse(new SourceEntry("pgdata/base", Path.of("/x"), SourceEntry.Type.DIRECTORY,
                metadata(old), Optional.empty(), Optional.empty(), 0))).isFalse();
        assertThat(rule.mayReuse(file("pgdata/global/1262", old))).isTrue();
        assertThat(ReuseRule.none().mayReuse(file("pgdata/global/1262", old))).isFalse();
    }

    private static SourceEntry file(String snapshotPath, Instant mtime) {
        return new SourceEntry(snapshotPath, Path.of("/x"), SourceEntry.Type.FILE, metadata(mtime), Optional.empty(),
                Optional.empty(), 8192);
    }

    private static RepositoryGateway.Entry metadata(Instant mtime) {
        return new RepositoryGateway.Entry(0600, mtime, Optional.empty(), Optional.empty());
    }
}
