package io.cairn.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entry-by-entry API later modules use for database data directories. */
class SnapshotBuilderTest {
    private static final Instant MTIME = Instant.parse("2024-01-01T00:00:00Z");

    @TempDir
    Path temp;

    @Test
    void pageAlignedChunksDedupAnInPlacePageChangeExactly() throws IOException {
        byte[] relation = new byte[4 << 20];
        new Random(1).nextBytes(relation);
        byte[] catalog = "pg_control-ish".getBytes();
        try (Repository repository = TestRepositories.init(temp.resolve("repo"))) {
            BackupResult first = backup(repository, relation, catalog);
            assertThat(first.files()).isEqualTo(2);
            assertThat(first.filesNew()).isEqualTo(2);

            relation[1_000_000] ^= 1;
            BackupResult second = backup(repository, relation, catalog);
            assertThat(second.dataAdded()).isLessThan(128 * 1024 + 4096);

            Path target = temp.resolve("out");
            repository.restore(second.snapshotId(), target, RestoreOptions.defaults().withoutOwnership(),
                    ProgressListener.NONE);
            assertThat(java.util.Arrays.equals(Files.readAllBytes(target.resolve("base/16384/1259")), relation)).isTrue();
            assertThat(Files.getAttribute(target.resolve("base"), "unix:mode")).isEqualTo(040700);
            assertThat(Files.getLastModifiedTime(target.resolve("global/pg_control")).toInstant()).isEqualTo(MTIME);
            assertThat(Files.readSymbolicLink(target.resolve("pg_wal"))).isEqualTo(Path.of("/var/lib/wal"));
            assertThat(repository.snapshot(second.shortId()).source()).isEqualTo("postgresql:main");
        }
    }

    @Test
    void duplicateAndInvalidPathsAreRefusedAndAnUncommittedSnapshotStaysInvisible() {
        try (Repository repository = TestRepositories.init(temp.resolve("repo"))) {
            try (SnapshotBuilder builder = repository.newSnapshot("test", List.of("x"), BackupOptions.defaults(),
                    ProgressListener.NONE)) {
                builder.addFile("a/b", FileMetadata.of(0644, MTIME), new ByteArrayInputStream(new byte[10]),
                        new FixedChunker(4096));
                assertThatThrownBy(() -> builder.addFile("a/b", FileMetadata.of(0644, MTIME),
                        new ByteArrayInputStream(new byte[1]), new FixedChunker(4096))).isInstanceOf(CairnException.class);
                assertThatThrownBy(() -> builder.addDirectory("a/../etc", FileMetadata.of(0755, MTIME)))
                        .isInstanceOf(CairnException.class);
            }
            assertThat(repository.snapshots()).isEmpty();
            assertThat(repository.locks()).isEmpty();
        }
    }

    @Test
    void addFromParentReusesTheParentsContentOnlyForTheSameSizeAndModificationTime() throws IOException {
        byte[] relation = new byte[1 << 20];
        new Random(2).nextBytes(relation);
        byte[] catalog = "pg_control-ish".getBytes();
        try (Repository repository = TestRepositories.init(temp.resolve("repo"))) {
            BackupResult first = backup(repository, relation, catalog);
            BackupOptions withParent = BackupOptions.defaults().withParent(first.snapshotId());
            BackupResult second;
            try (SnapshotBuilder builder = repository.newSnapshot("postgresql:main", List.of("main"), withParent,
                    ProgressListener.NONE)) {
                FileMetadata same = FileMetadata.of(0640, MTIME);
                assertThat(builder.addFromParent("base/16384/1259", relation.length + 1, same)).isFalse();
                assertThat(builder.addFromParent("base/16384/1259", relation.length,
                        FileMetadata.of(0640, MTIME.plusNanos(1)))).isFalse();
                assertThat(builder.addFromParent("base/16384/9999", relation.length, same)).isFalse();
                assertThat(builder.addFromParent("base", 0, same)).as("a directory is no file").isFalse();
                assertThat(builder.addFromParent("base/16384/1259", relation.length, same)).isTrue();
                assertThat(builder.addFromParent("global/pg_control", catalog.length, same)).isTrue();
                second = builder.commit();
            }
            assertThat(second.files()).isEqualTo(2);
            assertThat(second.filesUnchanged()).isEqualTo(2);
            assertThat(second.bytesRead()).isZero();
            assertThat(second.bytes()).isEqualTo(relation.length + catalog.length);
            assertThat(second.dataAdded()).as("only the new trees").isLessThan(4096);

            Path target = temp.resolve("out");
            repository.restore(second.snapshotId(), target, RestoreOptions.defaults().withoutOwnership(),
                    ProgressListener.NONE);
            assertThat(Files.readAllBytes(target.resolve("base/16384/1259"))).isEqualTo(relation);
            assertThat(Files.readAllBytes(target.resolve("global/pg_control"))).isEqualTo(catalog);
            assertThat(Files.getAttribute(target.resolve("base/16384/1259"), "unix:mode")).isEqualTo(0100640);
            assertThat(Files.getLastModifiedTime(target.resolve("base/16384/1259")).toInstant()).isEqualTo(MTIME);
        }
    }

    @Test
    void addFromParentWithoutAParentAddsNothing() {
        try (Repository repository = TestRepositories.init(temp.resolve("repo"))) {
            backup(repository, new byte[8192], new byte[10]);
            try (SnapshotBuilder builder = repository.newSnapshot("postgresql:main", List.of("main"),
                    BackupOptions.defaults().withNoParent(), ProgressListener.NONE)) {
                assertThat(builder.addFromParent("base/16384/1259", 8192, FileMetadata.of(0600, MTIME))).isFalse();
                builder.addDirectory("base", FileMetadata.of(0700, MTIME));
                BackupResult result = builder.commit();
                assertThat(result.files()).isZero();
                assertThat(result.filesUnchanged()).isZero();
            }
        }
    }

    private static BackupResult backup(Repository repository, byte[] relation, byte[] catalog) {
        try (SnapshotBuilder builder = repository.newSnapshot("postgresql:main", List.of("main"),
                BackupOptions.defaults().withTags("base"), ProgressListener.NONE)) {
            builder.addDirectory("base", FileMetadata.of(0700, MTIME));
            builder.addFile("base/16384/1259", FileMetadata.of(0600, MTIME), new ByteArrayInputStream(relation),
                    FixedChunker.pages(8192, 16));
            builder.addFile("global/pg_control", FileMetadata.of(0600, MTIME), new ByteArrayInputStream(catalog),
                    repository.contentDefinedChunker());
            builder.addSymlink("pg_wal", "/var/lib/wal", FileMetadata.of(0777, MTIME));
            return builder.commit();
        }
    }
}
