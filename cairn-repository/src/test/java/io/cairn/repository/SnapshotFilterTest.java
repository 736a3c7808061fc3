package io.cairn.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.storage.LocalStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code latest} under restic's filters: the newest snapshot of the kind, paths, host and tags asked for. */
class SnapshotFilterTest {
    @TempDir
    Path temp;

    @Test
    void latestIsTheNewestMatchingSnapshot() throws IOException {
        Path source = Files.createDirectories(temp.resolve("source"));
        Files.writeString(source.resolve("a.txt"), "a");
        try (Repository repository = Repository.init(new LocalStorage(temp.resolve("repo")), Passphrase.of("pw"),
                InitOptions.defaults().withKeyDerivation(KeyDerivation.argon2id(1024, 1, 1)))) {
            BackupResult files = repository.backupFiles(List.of(source), BackupOptions.defaults().withHost("alpha")
                    .withTags("config"), ProgressListener.NONE);
            BackupResult stream = repository.backupStream("dump.sql", new ByteArrayInputStream(new byte[10]),
                    repository.contentDefinedChunker(), BackupOptions.defaults().withHost("beta"), ProgressListener.NONE);
            try (SnapshotBuilder other = repository.newSnapshot("postgresql-wal:main", List.of("wal/1"),
                    BackupOptions.defaults(), ProgressListener.NONE)) {
                other.addFile("wal/1", FileMetadata.of(0600, Instant.now()), new ByteArrayInputStream(new byte[10]),
                        repository.contentDefinedChunker());
                other.commit();
            }

            assertThat(repository.latest(SnapshotFilter.fileBackups()).map(SnapshotInfo::id)).contains(files.snapshotId());
            assertThat(repository.snapshot("latest", SnapshotFilter.fileBackups()).id()).isEqualTo(files.snapshotId());
            assertThat(repository.latest(SnapshotFilter.all().withSource(SnapshotFilter.STREAM_SOURCE)).map(SnapshotInfo::id))
                    .contains(stream.snapshotId());
            assertThat(repository.latest(SnapshotFilter.all().withHost("beta")).map(SnapshotInfo::id))
                    .contains(stream.snapshotId());
            assertThat(repository.latest(SnapshotFilter.all().withTags(List.of("config", "nope"))).map(SnapshotInfo::id))
                    .contains(files.snapshotId());
            assertThat(repository.latest(SnapshotFilter.all().withPaths(List.of(source.toString()))).map(SnapshotInfo::id))
                    .contains(files.snapshotId());
            assertThat(repository.snapshots(SnapshotFilter.all().where(s -> s.source().startsWith("postgresql"), "WAL")))
                    .hasSize(1);
            assertThat(repository.snapshot("latest").paths()).containsExactly("wal/1");
            assertThatThrownBy(() -> repository.snapshot("latest", SnapshotFilter.fileBackups().withHost("gamma")))
                    .isInstanceOfSatisfying(CairnException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                        assertThat(e.getMessage()).contains("no snapshot matching file backups, host gamma");
                    });
        }
    }
}
