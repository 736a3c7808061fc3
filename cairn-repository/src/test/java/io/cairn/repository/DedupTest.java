package io.cairn.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DedupTest {
    @TempDir
    Path temp;

    @Test
    void unchangedFilesAreSkippedAndChangedOnesDedupAtChunkLevel() throws IOException {
        Path source = temp.resolve("source");
        for (int i = 0; i < 5; i++) {
            TestRepositories.writeMixed(source.resolve("file" + i), i, 2_000_000);
        }
        try (Repository repository = TestRepositories.init(temp.resolve("repo"))) {
            BackupResult first = repository.backupFiles(List.of(source), BackupOptions.defaults(), ProgressListener.NONE);
            assertThat(first.filesNew()).isEqualTo(5);
            assertThat(first.dataAdded()).isBetween(10_000_000L, 10_050_000L); // content plus a few trees
            assertThat(first.dataAddedStored()).isLessThan(first.dataAdded());

            BackupResult second = repository.backupFiles(List.of(source), BackupOptions.defaults(), ProgressListener.NONE);
            assertThat(second.filesUnchanged()).isEqualTo(5);
            assertThat(second.bytesRead()).isZero();
            assertThat(second.dataAdded()).isLessThan(10_000); // at most trees of ancestors touched by others

            try (RandomAccessFile file = new RandomAccessFile(source.resolve("file2").toFile(), "rw")) {
                file.seek(500_000);
                file.write(new byte[20_000]);
            }
            BackupResult third = repository.backupFiles(List.of(source), BackupOptions.defaults(), ProgressListener.NONE);
            assertThat(third.filesChanged()).isEqualTo(1);
            assertThat(third.bytesRead()).isEqualTo(2_000_000);
            assertThat(third.dataAdded()).isLessThan(600_000);

            BackupResult noParent = repository.backupFiles(List.of(source), BackupOptions.defaults().withNoParent(),
                    ProgressListener.NONE);
            assertThat(noParent.bytesRead()).isEqualTo(10_000_000);
            assertThat(noParent.dataAdded()).isLessThan(10_000);
            assertThat(repository.snapshots()).hasSize(4);
            assertThat(repository.check(true, ProgressListener.NONE).errors()).isEmpty();
        }
    }
}
