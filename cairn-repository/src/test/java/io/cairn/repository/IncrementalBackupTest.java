package io.cairn.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup with a parent reads only what changed by restic's rule: size, mtime, ctime and inode. */
class IncrementalBackupTest {
    @TempDir
    Path temp;

    @Test
    void unchangedFilesAreNotReadAndAnyChangeOfContentIsFoundEvenWithTheOldMtime() throws IOException {
        Path source = temp.resolve("source");
        TestRepositories.writeMixed(source.resolve("a.bin"), 1, 300_000);
        TestRepositories.writeMixed(source.resolve("b.bin"), 2, 200_000);
        TestRepositories.writeMixed(source.resolve("sub/c.bin"), 3, 100_000);
        TestRepositories.writeMixed(source.resolve("skip/ignored.bin"), 4, 50_000);
        BackupOptions options = BackupOptions.defaults().withExcludes("skip");
        try (Repository repository = TestRepositories.init(temp.resolve("repo"))) {
            BackupResult first = repository.backupFiles(List.of(source), options, ProgressListener.NONE);
            assertThat(first.files()).isEqualTo(3);

            List<Progress> reports = new ArrayList<>();
            BackupResult unchanged = repository.backupFiles(List.of(source), options, reports::add);
            assertThat(unchanged.filesUnchanged()).isEqualTo(3);
            assertThat(unchanged.bytesRead()).isZero();
            Progress last = reports.get(reports.size() - 1);
            assertThat(last.filesTotal()).isEqualTo(3);
            assertThat(last.bytesTotal()).isEqualTo(600_000);

            Path c = source.resolve("sub/c.bin");
            FileTime mtime = Files.getLastModifiedTime(c);
            TestRepositories.writeMixed(c, 5, 100_000); // same size, new content ...
            Files.setLastModifiedTime(c, mtime); // ... and the old mtime: only ctime tells
            BackupResult changed = repository.backupFiles(List.of(source), options, ProgressListener.NONE);
            assertThat(changed.filesChanged()).isEqualTo(1);
            assertThat(changed.filesUnchanged()).isEqualTo(2);
            assertThat(changed.bytesRead()).isEqualTo(100_000);

            Path target = temp.resolve("out");
            repository.restore(changed.snapshotId(), target, RestoreOptions.defaults(), ProgressListener.NONE);
            assertThat(Files.readAllBytes(target.resolve(c.toString().substring(1)))).isEqualTo(Files.readAllBytes(c));
            assertThat(Files.exists(target.resolve(source.resolve("skip").toString().substring(1)))).isFalse();
        }
    }
}
